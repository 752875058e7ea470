package org.p2pcopy.client.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import org.bouncycastle.math.ec.ECPoint;

/**
 * One side of SPAKE2 (RFC 9382) with the ciphersuite P256-SHA256-HKDF-HMAC (§6). Party A sends
 * pA = x*P + w*M, party B sends pB = y*P + w*N (§3.3); both compute K = x*(pB - w*N) = y*(pA - w*M)
 * (§3.4, cofactor 1), hash the transcript (§4) and derive Ke and the confirmation MACs from it.
 *
 * <pre>
 * Spake2 me = Spake2.start(Spake2.Role.A, w, idA, idB, ScalarSource.random());
 * send(me.outbound());
 * Spake2.Keys keys = me.finish(receive(), aad);   // throws if the peer's share is not a valid point
 * send(keys.confirmation());
 * if (!keys.confirms(receive())) { wrong password or tampering }
 * </pre>
 *
 * An instance is used once: {@link #finish} may be called a single time.
 */
public final class Spake2 {
    /** The two parties of RFC 9382: they differ in the fixed point that masks their share (M or N). */
    public enum Role {
        A, B
    }

    /** The salt that turns a password into w (docs/protocol.md §7.1). */
    static final byte[] PASSWORD_SALT = "p2p-copy v1 password".getBytes(StandardCharsets.US_ASCII);
    /**
     * Bytes of HKDF output reduced to w: at least ceil(log2(p)) + 64 bits, so that reducing them
     * modulo the group order is biased by at most 2^-64 (RFC 9382 §3.2 asks for k >= 64 extra bits).
     */
    static final int PASSWORD_OKM_BYTES = 64;

    private final Role role;
    private final BigInteger w;
    private final byte[] idA;
    private final byte[] idB;
    private final byte[] outbound;
    private BigInteger secret;

    private Spake2(Role role, BigInteger w, BigInteger secret, byte[] idA, byte[] idB) {
        if (w.signum() <= 0 || w.compareTo(P256.ORDER) >= 0) {
            // w = 0 would leave the shares unmasked: plain unauthenticated Diffie-Hellman.
            throw new IllegalArgumentException("w must be in [1, p-1]");
        }
        if (secret.signum() <= 0 || secret.compareTo(P256.ORDER) >= 0) {
            throw new IllegalArgumentException("the secret scalar must be in [1, p-1]");
        }
        this.role = role;
        this.w = w;
        this.secret = secret;
        this.idA = idA.clone();
        this.idB = idB.clone();
        ECPoint mask = (role == Role.A ? P256.M : P256.N).multiply(w);
        this.outbound = P256.encode(P256.multiplyGenerator(secret).add(mask).normalize());
    }

    /**
     * Derives w from a password (docs/protocol.md §7.1): the first 64 bytes of HKDF-SHA256 with salt
     * "p2p-copy v1 password", the password as IKM and an empty info, read big-endian and reduced
     * modulo the group order. RFC 9382 §3.2 suggests a memory-hard function; it would only slow
     * down guessing by someone who already holds a transcript and the key, and SPAKE2 gives such
     * a person nothing to test guesses against, so a plain KDF is used (as magic-wormhole does).
     */
    public static BigInteger passwordScalar(byte[] password) {
        byte[] okm = Hkdf.derive(PASSWORD_SALT, password, new byte[0], PASSWORD_OKM_BYTES);
        BigInteger w = new BigInteger(1, okm).mod(P256.ORDER);
        if (w.signum() == 0) {
            throw new IllegalStateException("the password maps to w = 0"); // probability 2^-256
        }
        return w;
    }

    /**
     * Starts with a secret scalar (x for A, y for B) from {@code secrets}: {@link ScalarSource#random()}
     * except in test vectors. Identities may be empty, never null.
     */
    public static Spake2 start(Role role, BigInteger w, byte[] idA, byte[] idB, ScalarSource secrets) {
        return new Spake2(role, w, secrets.next(), idA, idB);
    }

    /** This side's share, pA or pB: 65 bytes, uncompressed SEC1. */
    public byte[] outbound() {
        return outbound.clone();
    }

    /**
     * Combines the peer's share with ours into the keys. {@code aad} is bound into the confirmation
     * keys (RFC 9382 §4); both sides must pass the same bytes.
     *
     * @throws InvalidKeyException if the peer's share is not an uncompressed point of the group other
     *     than the identity (RFC 9382 §7), or if it makes K the identity, which only a peer that chose
     *     its share from w*M or w*N can do
     */
    public Keys finish(byte[] peerShare, byte[] aad) throws InvalidKeyException {
        if (secret == null) {
            throw new IllegalStateException("finish was already called");
        }
        ECPoint peer = P256.decodeShare(peerShare);
        ECPoint peerMask = (role == Role.A ? P256.N : P256.M).multiply(w);
        ECPoint k = peer.subtract(peerMask).multiply(secret).normalize();
        secret = null; // single use: a second finish with the same x would reuse it
        if (k.isInfinity()) {
            throw new InvalidKeyException("the shared point K is the identity");
        }
        byte[] pA = role == Role.A ? outbound : peerShare.clone();
        byte[] pB = role == Role.A ? peerShare.clone() : outbound;
        byte[] tt = Transcript.of(idA, idB, pA, pB, P256.encode(k), P256.encodeScalar(w));
        KeySchedule schedule = KeySchedule.of(tt, aad);
        return role == Role.A
                ? new Keys(schedule.ke, schedule.cA, schedule.cB, tt)
                : new Keys(schedule.ke, schedule.cB, schedule.cA, tt);
    }

    /** What a finished exchange yields: Ke and the two confirmation MACs, seen from one side. */
    public static final class Keys {
        private final byte[] ke;
        private final byte[] confirmation;
        private final byte[] expectedConfirmation;
        private final byte[] transcript;

        private Keys(byte[] ke, byte[] confirmation, byte[] expectedConfirmation, byte[] transcript) {
            this.ke = ke;
            this.confirmation = confirmation;
            this.expectedConfirmation = expectedConfirmation;
            this.transcript = transcript;
        }

        /**
         * Ke, the shared secret (RFC 9382 §4): 16 bytes with SHA-256. Use it only as input keying
         * material for HKDF (to derive the per-direction AES-256 keys), and only once the peer's
         * confirmation has been checked.
         */
        public byte[] ke() {
            return ke.clone();
        }

        /** This side's confirmation MAC to send: cA for A, cB for B (32 bytes). */
        public byte[] confirmation() {
            return confirmation.clone();
        }

        /** Whether the peer's MAC is the one the same password would give; compared in constant time. */
        public boolean confirms(byte[] peerConfirmation) {
            return peerConfirmation != null && MessageDigest.isEqual(expectedConfirmation, peerConfirmation);
        }

        /** TT, for the tests that compare it with the RFC's vectors. */
        byte[] transcript() {
            return transcript.clone();
        }
    }
}
