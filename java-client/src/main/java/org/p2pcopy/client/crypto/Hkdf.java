package org.p2pcopy.client.crypto;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869), on {@code javax.crypto.Mac}: a few lines, so no library is needed
 * for it (and the browser's WebCrypto offers the same function).
 */
public final class Hkdf {
    /** HashLen of SHA-256 (RFC 5869 §2.2). */
    public static final int HASH_LENGTH = 32;
    /** L may be at most 255 * HashLen (RFC 5869 §2.3). */
    public static final int MAX_LENGTH = 255 * HASH_LENGTH;

    private static final String HMAC_SHA256 = "HmacSHA256";

    private Hkdf() {
    }

    /** HKDF-Extract(salt, IKM) = PRK (RFC 5869 §2.2); a null or empty salt means HashLen zero bytes. */
    public static byte[] extract(byte[] salt, byte[] ikm) {
        // An empty HMAC key and HashLen zero bytes give the same HMAC (the key is zero-padded to the
        // block size), but SecretKeySpec refuses an empty key, so the RFC's default is spelled out.
        byte[] key = salt == null || salt.length == 0 ? new byte[HASH_LENGTH] : salt;
        return hmac(key, ikm);
    }

    /** HKDF-Expand(PRK, info, L) = OKM (RFC 5869 §2.3): T(i) = HMAC(PRK, T(i-1) || info || i). */
    public static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("HKDF-SHA256 yields 0 to " + MAX_LENGTH + " bytes, not " + length);
        }
        byte[] infoBytes = info == null ? new byte[0] : info;
        Mac mac = newMac(prk);
        byte[] okm = new byte[length];
        byte[] t = new byte[0];
        for (int done = 0, i = 1; done < length; i++) {
            mac.update(t);
            mac.update(infoBytes);
            mac.update((byte) i);
            t = mac.doFinal();
            int n = Math.min(t.length, length - done);
            System.arraycopy(t, 0, okm, done, n);
            done += n;
        }
        return okm;
    }

    /** Extract then expand: the whole of HKDF (RFC 5869 §2). */
    public static byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length) {
        return expand(extract(salt, ikm), info, length);
    }

    /** HMAC-SHA256(key, data). */
    static byte[] hmac(byte[] key, byte[] data) {
        return newMac(key).doFinal(data);
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
