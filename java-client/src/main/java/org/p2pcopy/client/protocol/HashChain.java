package org.p2pcopy.client.protocol;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The running hash of one file: chain(-1) is 32 zero bytes, chain(i) = SHA-256(chain(i-1) || payload(i))
 * (docs/protocol.md §3.2). The last value is the file's digest.
 */
public final class HashChain {
    public static final int LENGTH = 32;

    private final MessageDigest sha256;
    private byte[] value = new byte[LENGTH];

    public HashChain() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * A chain positioned after some chunk, whose value is {@code start}: lets the test vectors check
     * a receiver that is in the middle of a file without replaying the chunks before.
     */
    HashChain(byte[] start) {
        this();
        resumeAt(start);
    }

    /** Advances over the payload's remaining bytes (the buffer's position is left unchanged). */
    public byte[] next(ByteBuffer payload) {
        sha256.update(value);
        sha256.update(payload.duplicate());
        value = sha256.digest();
        return value.clone();
    }

    /** The current value: the digest of the file so far. */
    public byte[] value() {
        return value.clone();
    }

    /** Whether {@code expected} is what the chain becomes over {@code payload}; advances only if so. */
    public boolean advanceIfMatches(ByteBuffer payload, byte[] expected) {
        sha256.update(value);
        sha256.update(payload.duplicate());
        byte[] candidate = sha256.digest();
        if (!MessageDigest.isEqual(candidate, expected)) {
            return false;
        }
        value = candidate;
        return true;
    }

    public void reset() {
        value = new byte[LENGTH];
    }

    /** Continues a file from a chain value reached earlier: a resumed file (docs/protocol.md §4.8). */
    public void resumeAt(byte[] start) {
        if (start.length != LENGTH) {
            throw new IllegalArgumentException("a chain value is " + LENGTH + " bytes, not " + start.length);
        }
        value = start.clone();
    }

    @Override
    public String toString() {
        return "HashChain" + Arrays.toString(value);
    }
}
