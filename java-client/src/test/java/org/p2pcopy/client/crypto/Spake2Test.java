package org.p2pcopy.client.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The exchange between two parties, and the shares a peer must not get away with. */
class Spake2Test {
    private static final byte[] NO_AAD = new byte[0];
    private static final byte[] ID_A = "sender".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ID_B = "receiver".getBytes(StandardCharsets.US_ASCII);
    private static final BigInteger W = Spake2.passwordScalar(bytes("7-purple-sausage"));

    @Test
    void theSamePasswordGivesBothSidesTheSameKeyAndTheyConfirmEachOther() throws InvalidKeyException {
        Spake2 a = Spake2.start(Spake2.Role.A, W, ID_A, ID_B, ScalarSource.random());
        Spake2 b = Spake2.start(Spake2.Role.B, W, ID_A, ID_B, ScalarSource.random());
        Spake2.Keys keysA = a.finish(b.outbound(), NO_AAD);
        Spake2.Keys keysB = b.finish(a.outbound(), NO_AAD);

        assertArrayEquals(keysA.ke(), keysB.ke());
        assertEquals(16, keysA.ke().length);
        assertTrue(keysA.confirms(keysB.confirmation()));
        assertTrue(keysB.confirms(keysA.confirmation()));
        // A's own MAC is not what it expects from B: a reflected confirmation does not pass.
        assertFalse(keysA.confirms(keysA.confirmation()));
    }

    @Test
    void aDifferentPasswordFailsConfirmationOnBothSides() throws InvalidKeyException {
        Spake2 a = Spake2.start(Spake2.Role.A, W, ID_A, ID_B, ScalarSource.random());
        Spake2 b = Spake2.start(Spake2.Role.B, Spake2.passwordScalar(bytes("7-purple-sausages")), ID_A, ID_B, ScalarSource.random());
        Spake2.Keys keysA = a.finish(b.outbound(), NO_AAD);
        Spake2.Keys keysB = b.finish(a.outbound(), NO_AAD);

        assertFalse(Arrays.equals(keysA.ke(), keysB.ke()));
        assertFalse(keysA.confirms(keysB.confirmation()));
        assertFalse(keysB.confirms(keysA.confirmation()));
    }

    @Test
    void differentIdentitiesOrAadFailConfirmation() throws InvalidKeyException {
        Spake2 a = Spake2.start(Spake2.Role.A, W, ID_A, ID_B, ScalarSource.random());
        Spake2 b = Spake2.start(Spake2.Role.B, W, ID_A, bytes("mallory"), ScalarSource.random());
        assertFalse(a.finish(b.outbound(), NO_AAD).confirms(b.finish(a.outbound(), NO_AAD).confirmation()));

        Spake2 c = Spake2.start(Spake2.Role.A, W, ID_A, ID_B, ScalarSource.random());
        Spake2 d = Spake2.start(Spake2.Role.B, W, ID_A, ID_B, ScalarSource.random());
        assertFalse(c.finish(d.outbound(), bytes("v1")).confirms(d.finish(c.outbound(), bytes("v2")).confirmation()));
    }

    @Test
    void emptyIdentitiesWork() throws InvalidKeyException {
        Spake2 a = Spake2.start(Spake2.Role.A, W, new byte[0], new byte[0], ScalarSource.random());
        Spake2 b = Spake2.start(Spake2.Role.B, W, new byte[0], new byte[0], ScalarSource.random());
        assertTrue(a.finish(b.outbound(), NO_AAD).confirms(b.finish(a.outbound(), NO_AAD).confirmation()));
    }

    @Test
    void sharesAreFreshEachTime() {
        assertFalse(Arrays.equals(Spake2.start(Spake2.Role.A, W, ID_A, ID_B, ScalarSource.random()).outbound(),
                Spake2.start(Spake2.Role.A, W, ID_A, ID_B, ScalarSource.random()).outbound()));
    }

    @Test
    void refusesSharesThatAreNotPointsOfTheGroup() {
        byte[] valid = Spake2.start(Spake2.Role.B, W, ID_A, ID_B, ScalarSource.random()).outbound();
        byte[] offCurve = valid.clone();
        offCurve[64] ^= 1; // same x, y off by one: not on the curve
        byte[] zeros = new byte[P256.POINT_BYTES];
        zeros[0] = 0x04; // (0, 0) is not on P-256
        byte[] compressed = P256.CURVE.decodePoint(valid).getEncoded(true);
        byte[][] invalid = {
            offCurve,
            zeros,
            {0x00}, // the identity's SEC1 encoding
            new byte[P256.POINT_BYTES], // the identity's type byte, padded
            compressed, // a valid point, but not in the one encoding the transcript uses
            Arrays.copyOf(valid, 64), // too short
            Arrays.copyOf(valid, 66), // too long
            new byte[0],
            null,
        };
        for (byte[] share : invalid) {
            Spake2 a = Spake2.start(Spake2.Role.A, W, ID_A, ID_B, ScalarSource.random());
            assertThrows(InvalidKeyException.class, () -> a.finish(share, NO_AAD),
                    () -> "accepted " + (share == null ? "null" : HexFormat.of().formatHex(share)));
        }
    }

    @Test
    void refusesAShareThatMakesKTheIdentity() {
        // pB = w*N makes pB - w*N the identity, so K would be too, whatever x is.
        byte[] wN = P256.encode(P256.N.multiply(W).normalize());
        Spake2 a = Spake2.start(Spake2.Role.A, W, ID_A, ID_B, ScalarSource.random());
        assertThrows(InvalidKeyException.class, () -> a.finish(wN, NO_AAD));
    }

    @Test
    void finishesOnlyOnce() throws InvalidKeyException {
        Spake2 a = Spake2.start(Spake2.Role.A, W, ID_A, ID_B, ScalarSource.random());
        byte[] peer = Spake2.start(Spake2.Role.B, W, ID_A, ID_B, ScalarSource.random()).outbound();
        a.finish(peer, NO_AAD);
        assertThrows(IllegalStateException.class, () -> a.finish(peer, NO_AAD));
    }

    @Test
    void refusesScalarsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> Spake2.start(Spake2.Role.A, BigInteger.ZERO, ID_A, ID_B, ScalarSource.random()));
        assertThrows(IllegalArgumentException.class, () -> Spake2.start(Spake2.Role.A, P256.ORDER, ID_A, ID_B, ScalarSource.random()));
        assertThrows(IllegalArgumentException.class,
                () -> Spake2.start(Spake2.Role.A, W, ID_A, ID_B, ScalarSource.fixed(BigInteger.ZERO)));
    }

    @Test
    void thePasswordScalarIsDeterministicAndInRange() {
        assertEquals(W, Spake2.passwordScalar(bytes("7-purple-sausage")));
        assertNotEquals(W, Spake2.passwordScalar(bytes("7-purple-sausagf")));
        assertTrue(W.signum() > 0 && W.compareTo(P256.ORDER) < 0);
        // Pinned so that a change to the derivation is a visible decision.
        BigInteger expected = new BigInteger(1, Hkdf.derive(bytes("p2p-copy v1 password"), bytes("7-purple-sausage"),
                new byte[0], 64)).mod(P256.ORDER);
        assertEquals(expected, W);
    }

    @Test
    void mAndNAreTheRfcPoints() {
        HexFormat hex = HexFormat.of();
        assertEquals("02886e2f97ace46e55ba9dd7242579f2993b64e16ef3dcab95afd497333d8fa12f",
                hex.formatHex(P256.M.getEncoded(true)));
        assertEquals("03d8bbd6c639c62937b04d997f38c3770719c629d7014d49a24b4f98baa1292b49",
                hex.formatHex(P256.N.getEncoded(true)));
        assertTrue(P256.M.isValid() && P256.N.isValid());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
