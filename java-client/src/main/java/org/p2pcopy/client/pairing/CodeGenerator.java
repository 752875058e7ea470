package org.p2pcopy.client.pairing;

import java.security.SecureRandom;
import java.util.StringJoiner;
import java.util.random.RandomGenerator;
import org.p2pcopy.client.TransferException;

/**
 * Makes codes of the form {@code <number>-<word>-<word>}: the number names the room (the relay sees
 * it, so it holds no secret), the words are the secret, 11 bits each from a strong random source.
 * Two words give 22 bits: a guesser, the relay included, has one try per pairing, which the real
 * peers see fail, so one success in about four million attempts.
 */
public final class CodeGenerator {
    public static final int DEFAULT_WORDS = 2;
    public static final int MIN_WORDS = 2;
    public static final int MAX_WORDS = 8;
    /** Rooms are short numbers while few are taken; later attempts draw from a wider range. */
    private static final int[] ROOM_RANGES = {1000, 1000, 1000, 10_000, 10_000, 100_000};

    private final RandomGenerator random;
    private final int words;

    public CodeGenerator(int words) {
        this(words, new SecureRandom());
    }

    /**
     * Draws from {@code random}: only tests may pass anything but a {@link SecureRandom}, to know in
     * advance which rooms the codes will name.
     */
    public CodeGenerator(int words, RandomGenerator random) {
        if (words < MIN_WORDS || words > MAX_WORDS) {
            throw new IllegalArgumentException("a generated code has " + MIN_WORDS + " to " + MAX_WORDS + " words");
        }
        this.words = words;
        this.random = random;
    }

    /** How many attempts {@link #generate} supports before the caller should give up. */
    public static int attempts() {
        return ROOM_RANGES.length;
    }

    /** The secret a code of {@code words} words holds, in bits. */
    public static int bits(int words) {
        return words * Integer.numberOfTrailingZeros(WordList.SIZE); // log2 of the list's size
    }

    /** A new code; {@code attempt} (from 0) widens the room numbers as earlier rooms turn out taken. */
    public Code generate(int attempt) throws TransferException {
        int range = ROOM_RANGES[Math.min(attempt, ROOM_RANGES.length - 1)];
        StringJoiner code = new StringJoiner("-");
        code.add(Integer.toString(1 + random.nextInt(range - 1)));
        for (int i = 0; i < words; i++) {
            code.add(WordList.word(random.nextInt(WordList.SIZE)));
        }
        return Code.parse(code.toString());
    }
}
