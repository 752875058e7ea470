package org.p2pcopy.client.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.p2pcopy.client.TransferException;

/** Generated codes: their form, their words, their rooms, and how much secret they hold. */
class CodeGeneratorTest {
    private static final Pattern WORD = Pattern.compile("[a-z]{3,7}");

    @Test
    void theWordListHas2048DifferentShortLowerCaseWords() {
        Set<String> words = new HashSet<>();
        for (int i = 0; i < WordList.SIZE; i++) {
            String word = WordList.word(i);
            assertTrue(WORD.matcher(word).matches(), word);
            words.add(word);
        }
        assertEquals(WordList.SIZE, words.size());
        assertEquals(11, CodeGenerator.bits(1));
        assertEquals(22, CodeGenerator.bits(CodeGenerator.DEFAULT_WORDS));
    }

    @Test
    void aCodeIsARoomNumberThenTheAskedNumberOfWords() throws TransferException {
        for (int words = CodeGenerator.MIN_WORDS; words <= CodeGenerator.MAX_WORDS; words++) {
            Code code = new CodeGenerator(words).generate(0);
            String[] parts = code.password().split("-");
            assertEquals(words + 1, parts.length, code.password());
            assertEquals(parts[0], code.room());
            for (int i = 1; i < parts.length; i++) {
                assertTrue(WORD.matcher(parts[i]).matches(), code.password());
            }
            assertTrue(code.hasSecret());
        }
    }

    @Test
    void roomsStartShortAndWidenWithEveryAttempt() throws TransferException {
        CodeGenerator generator = new CodeGenerator(CodeGenerator.DEFAULT_WORDS);
        int first = IntStream.range(0, 200).map(i -> room(generator, 0)).max().orElseThrow();
        int last = IntStream.range(0, 200).map(i -> room(generator, CodeGenerator.attempts() - 1)).max().orElseThrow();
        assertTrue(first >= 1 && first < 1000, "first attempt's rooms reach " + first);
        assertTrue(last >= 1000, "the last attempt draws from a wider range, but reached only " + last);
    }

    @Test
    void codesDoNotRepeat() throws TransferException {
        CodeGenerator generator = new CodeGenerator(CodeGenerator.DEFAULT_WORDS);
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String code = generator.generate(0).password();
            secrets.add(code.substring(code.indexOf('-')));
        }
        // 1000 draws from 2^22 word pairs: a repeat is possible (p ~ 0.1) but more than three are not.
        assertTrue(secrets.size() >= 997, secrets.size() + " different secrets in 1000 codes");
    }

    @Test
    void refusesWordCountsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new CodeGenerator(CodeGenerator.MIN_WORDS - 1));
        assertThrows(IllegalArgumentException.class, () -> new CodeGenerator(CodeGenerator.MAX_WORDS + 1));
    }

    private static int room(CodeGenerator generator, int attempt) {
        try {
            return Integer.parseInt(generator.generate(attempt).room());
        } catch (TransferException e) {
            throw new AssertionError(e);
        }
    }
}
