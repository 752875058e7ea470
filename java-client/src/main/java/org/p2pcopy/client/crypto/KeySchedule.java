package org.p2pcopy.client.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * What SPAKE2 derives from the transcript (RFC 9382 §4), for the ciphersuite P256-SHA256-HKDF-HMAC:
 * Ke || Ka = Hash(TT); KcA || KcB = KDF(Ka, nil, "ConfirmationKeys" || AAD); cA = MAC(KcA, TT),
 * cB = MAC(KcB, TT). Every value is kept so the test can compare each with the RFC's vectors.
 */
final class KeySchedule {
    /** The KDF info's fixed part (RFC 9382 §4). */
    private static final byte[] CONFIRMATION_KEYS = "ConfirmationKeys".getBytes(StandardCharsets.US_ASCII);

    final byte[] ke;
    final byte[] ka;
    final byte[] kcA;
    final byte[] kcB;
    final byte[] cA;
    final byte[] cB;

    private KeySchedule(byte[] tt, byte[] aad) {
        byte[] kMain = sha256(tt);
        // Ke is the first half of Hash(TT), Ka the second: 16 bytes each with SHA-256.
        int half = kMain.length / 2;
        ke = Arrays.copyOfRange(kMain, 0, half);
        ka = Arrays.copyOfRange(kMain, half, kMain.length);
        byte[] info = new byte[CONFIRMATION_KEYS.length + aad.length];
        System.arraycopy(CONFIRMATION_KEYS, 0, info, 0, CONFIRMATION_KEYS.length);
        System.arraycopy(aad, 0, info, CONFIRMATION_KEYS.length, aad.length);
        // Ka is the input keying material, the salt is nil; the output is as long as Hash(TT).
        byte[] kc = Hkdf.derive(null, ka, info, kMain.length);
        kcA = Arrays.copyOfRange(kc, 0, half);
        kcB = Arrays.copyOfRange(kc, half, kc.length);
        cA = Hkdf.hmac(kcA, tt);
        cB = Hkdf.hmac(kcB, tt);
    }

    static KeySchedule of(byte[] tt, byte[] aad) {
        return new KeySchedule(tt, aad);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
