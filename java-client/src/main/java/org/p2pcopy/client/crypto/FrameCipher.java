package org.p2pcopy.client.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM records for one direction of a transfer. The nonce is the direction's 4-byte tag
 * followed by an 8-byte big-endian record counter, so the two directions never share a nonce even if
 * they were given the same key, and a nonce is never used twice under one key. The sealing side and
 * the opening side each keep the counter: a record opens only as the next one of its direction, so a
 * replayed, dropped or reordered record fails authentication.
 *
 * <p>One instance either seals or opens, never both. A record holds at most {@link #RECORD_BYTES} of
 * plaintext, and many records share one WebSocket frame. The size is chosen for the first seconds
 * of a transfer: in a fresh JVM the JDK decrypts GCM slowly until the JIT compiles the code that
 * uses the AES and carry-less multiply instructions, and it compiles it sooner the more, shorter
 * records it sees. Measured with bench/CryptoSpeed.java (fresh JVM, 1 GiB): opening 64 KiB records
 * ran at about 45 MB/s for the first 192 MiB, 16 KiB records reached 1.5 GB/s after the first 64 MiB;
 * warm, both run at about 2 GB/s. The tag costs 0.1% of the bytes.
 *
 * <p>Not thread-safe.
 */
public final class FrameCipher {
    /** AES-256. */
    public static final int KEY_BYTES = 32;
    /** The direction tag, the nonce's first 4 bytes. */
    public static final int DIRECTION_TAG_BYTES = 4;
    /** 96-bit nonce, the length GCM takes without hashing it (NIST SP 800-38D §8.2.1). */
    public static final int NONCE_BYTES = 12;
    /** The full 128-bit GCM tag, appended to the ciphertext. */
    public static final int TAG_BYTES = 16;
    /** The most plaintext one record holds: 16 KiB. */
    public static final int RECORD_BYTES = 16 * 1024;

    /**
     * Sealing feeds the cipher 4 KiB at a time: more, shorter calls get the JIT to compile GCM's
     * encryption (and so use the AES and GHASH intrinsics) sooner in a fresh JVM. Measured with
     * bench/CryptoSpeed.java: whole 64 KiB records reached GB/s after about 192 MiB, 4 KiB slices
     * after 64 MiB. Opening gains nothing from slicing: the JDK buffers GCM input until doFinal.
     */
    static final int UPDATE_SLICE = 4 * 1024;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    /**
     * The empty input of doFinal. Not read-only: a read-only buffer hides its array, and the JDK then
     * stages the output through a temporary buffer as large as the output's remaining room, on every
     * record (sealing into a 1 MiB frame ran at 230 MB/s instead of GB/s). Capacity 0 cannot be changed.
     */
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final boolean sealing;
    private final SecretKey key;
    private final byte[] nonce = new byte[NONCE_BYTES];
    private final Cipher cipher;
    /** The next record's number, unsigned. */
    private long counter;
    /** Set once the counter's last value is used, or once a record failed to open. */
    private boolean closed;
    private String closedBecause;

    FrameCipher(boolean sealing, byte[] key, byte[] directionTag, long firstCounter) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key is " + KEY_BYTES + " bytes, not " + key.length);
        }
        if (directionTag.length != DIRECTION_TAG_BYTES) {
            throw new IllegalArgumentException("a direction tag is " + DIRECTION_TAG_BYTES + " bytes, not " + directionTag.length);
        }
        this.sealing = sealing;
        this.key = new SecretKeySpec(key, "AES");
        System.arraycopy(directionTag, 0, nonce, 0, DIRECTION_TAG_BYTES);
        this.counter = firstCounter;
        try {
            this.cipher = Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(TRANSFORMATION + " is part of every Java runtime", e);
        }
    }

    /** The sealing end of a direction: record numbers from 0. */
    public static FrameCipher forSealing(byte[] key, byte[] directionTag) {
        return new FrameCipher(true, key, directionTag, 0);
    }

    /** The opening end of a direction: expects record 0 first. */
    public static FrameCipher forOpening(byte[] key, byte[] directionTag) {
        return new FrameCipher(false, key, directionTag, 0);
    }

    /** The number of the next record to seal or open (unsigned). */
    public long nextSequence() {
        return counter;
    }

    /**
     * Seals the plaintext's remaining bytes (at most {@link #RECORD_BYTES}) as the next record, writing
     * ciphertext and tag ({@code plaintext.remaining() + TAG_BYTES} bytes) to {@code out}.
     *
     * @param aad authenticated, not encrypted, not written; null means none
     * @return the bytes written to {@code out}
     */
    public int seal(byte[] aad, ByteBuffer plaintext, ByteBuffer out) {
        return sealParts(aad, out, plaintext);
    }

    /**
     * Seals the remaining bytes of {@code parts}, one after the other, as one record: a small header
     * and a view of a large buffer become one record without copying them together first.
     */
    public int sealParts(byte[] aad, ByteBuffer out, ByteBuffer... parts) {
        require(sealing, "this cipher opens records; it does not seal");
        int length = 0;
        for (ByteBuffer part : parts) {
            length += part.remaining();
        }
        if (length > RECORD_BYTES) {
            throw new IllegalArgumentException("a record holds at most " + RECORD_BYTES + " bytes, not " + length);
        }
        if (out.remaining() < length + TAG_BYTES) {
            throw new IllegalArgumentException("no room for " + (length + TAG_BYTES) + " bytes of sealed record");
        }
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, nextNonce());
            if (aad != null) {
                cipher.updateAAD(aad);
            }
            int written = 0;
            for (ByteBuffer part : parts) {
                int end = part.limit();
                while (part.hasRemaining()) {
                    part.limit(Math.min(end, part.position() + UPDATE_SLICE));
                    written += cipher.update(part, out);
                    part.limit(end);
                }
            }
            return written + cipher.doFinal(NOTHING, out);
        } catch (ShortBufferException | InvalidKeyException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /**
     * Opens the next record from the ciphertext's remaining bytes (ciphertext then tag), writing the
     * plaintext ({@code ciphertext.remaining() - TAG_BYTES} bytes) to {@code out}. Nothing is written
     * unless the record is authentic. After a failure the instance stays closed: the stream can no
     * longer be trusted.
     *
     * @return the bytes written to {@code out}
     * @throws AEADBadTagException if the record, its AAD or its place in the sequence is not what
     *     the sender sealed (tampering, replay, reordering, or the wrong key)
     */
    public int open(byte[] aad, ByteBuffer ciphertext, ByteBuffer out) throws AEADBadTagException {
        require(!sealing, "this cipher seals records; it does not open");
        int length = ciphertext.remaining() - TAG_BYTES;
        if (length < 0 || length > RECORD_BYTES) {
            fail("a sealed record is " + TAG_BYTES + " to " + (RECORD_BYTES + TAG_BYTES) + " bytes, not " + ciphertext.remaining());
        }
        if (out.remaining() < length) {
            throw new IllegalArgumentException("no room for " + length + " bytes of plaintext");
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, nextNonce());
            if (aad != null) {
                cipher.updateAAD(aad);
            }
            return cipher.doFinal(ciphertext, out);
        } catch (AEADBadTagException e) {
            fail("record " + Long.toUnsignedString(counter - 1) + " failed authentication");
            throw e; // not reached
        } catch (ShortBufferException | InvalidKeyException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("opening failed", e);
        }
    }

    /** The nonce for the current counter, which it then consumes; refuses to wrap around. */
    private GCMParameterSpec nextNonce() {
        require(!closed, closedBecause);
        long n = counter;
        for (int i = 0; i < 8; i++) {
            nonce[NONCE_BYTES - 1 - i] = (byte) (n >>> (8 * i));
        }
        if (n == -1L) { // 2^64 - 1, the last number: never start again at 0
            closed = true;
            closedBecause = "the record counter is exhausted; a nonce must never repeat";
        } else {
            counter = n + 1;
        }
        return new GCMParameterSpec(TAG_BYTES * 8, nonce);
    }

    private void fail(String why) throws AEADBadTagException {
        closed = true;
        closedBecause = "a record failed to open; this direction is closed";
        throw new AEADBadTagException(why);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
