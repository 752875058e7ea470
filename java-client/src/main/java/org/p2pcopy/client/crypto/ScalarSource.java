package org.p2pcopy.client.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import org.bouncycastle.util.BigIntegers;

/**
 * Where SPAKE2's secret scalars come from. Real transfers draw them at random, fresh for every
 * connection; test vectors fix them so that a whole handshake can be compared byte for byte.
 */
@FunctionalInterface
public interface ScalarSource {
    /** A scalar in [1, p-1], p the order of P-256. */
    BigInteger next();

    /** Uniformly random scalars from the platform's strong random source. */
    static ScalarSource random() {
        SecureRandom random = new SecureRandom();
        return () -> BigIntegers.createRandomInRange(BigInteger.ONE, P256.ORDER.subtract(BigInteger.ONE), random);
    }

    /** The given scalars, in order, once each: only test vectors may fix a secret. */
    static ScalarSource fixed(BigInteger... scalars) {
        Deque<BigInteger> left = new ArrayDeque<>(java.util.List.of(scalars));
        return () -> {
            BigInteger next = left.poll();
            if (next == null) {
                throw new IllegalStateException("no fixed scalar left");
            }
            return next;
        };
    }
}
