package org.p2pcopy.client.crypto;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.util.HexFormat;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * The group of the SPAKE2 ciphersuite P256-SHA256-HKDF-HMAC (RFC 9382 §6): NIST P-256, cofactor 1,
 * its fixed points M and N, and the encodings the transcript uses. Arithmetic from BouncyCastle's
 * custom (constant-field-size) P-256 implementation.
 */
final class P256 {
    private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("P-256");

    static final ECCurve CURVE = PARAMS.getCurve();
    /** The generator, P in RFC 9382 §3.1. */
    static final ECPoint GENERATOR = PARAMS.getG();
    /** The group order, p in RFC 9382 §3.1 (n in SEC 2). */
    static final BigInteger ORDER = PARAMS.getN();

    /** Bytes of a field element or a scalar. */
    static final int SCALAR_BYTES = 32;
    /** An uncompressed SEC1 point: 0x04 || x || y. The shares and K travel and are hashed so (RFC 9382 §4). */
    static final int POINT_BYTES = 1 + 2 * SCALAR_BYTES;

    /** M for P-256, compressed SEC1, from RFC 9382 §6 (seed "1.2.840.10045.3.1.7 point generation seed (M)"). */
    static final ECPoint M = fixed("02886e2f97ace46e55ba9dd7242579f2993b64e16ef3dcab95afd497333d8fa12f");
    /** N for P-256, compressed SEC1, from RFC 9382 §6 (seed "1.2.840.10045.3.1.7 point generation seed (N)"). */
    static final ECPoint N = fixed("03d8bbd6c639c62937b04d997f38c3770719c629d7014d49a24b4f98baa1292b49");

    private P256() {
    }

    /** a * generator, with the fixed-point comb (the multiplier BouncyCastle uses for key generation). */
    static ECPoint multiplyGenerator(BigInteger a) {
        return new FixedPointCombMultiplier().multiply(GENERATOR, a).normalize();
    }

    static byte[] encode(ECPoint point) {
        return point.getEncoded(false);
    }

    /** A scalar as the transcript holds it: big-endian, always 32 bytes (as in the RFC 9382 vectors). */
    static byte[] encodeScalar(BigInteger scalar) {
        return BigIntegers.asUnsignedByteArray(SCALAR_BYTES, scalar);
    }

    /**
     * The peer's share, checked as RFC 9382 §7 demands of received elements: exactly an uncompressed
     * SEC1 encoding, on the curve, not the identity. Compressed encodings are refused so that the
     * bytes in the transcript are the only encoding of the point both sides hash.
     */
    static ECPoint decodeShare(byte[] encoded) throws InvalidKeyException {
        if (encoded == null || encoded.length != POINT_BYTES || encoded[0] != 0x04) {
            throw new InvalidKeyException("a share is a " + POINT_BYTES + "-byte uncompressed P-256 point");
        }
        ECPoint point;
        try {
            point = CURVE.decodePoint(encoded); // checks the curve equation, throws if off the curve
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException("the share is not a point on P-256", e);
        }
        // Cofactor 1: every point on the curve other than the identity is in the prime-order group.
        if (point.isInfinity() || !point.isValid()) {
            throw new InvalidKeyException("the share is not a point of the P-256 group");
        }
        return point;
    }

    private static ECPoint fixed(String compressedHex) {
        return CURVE.decodePoint(HexFormat.of().parseHex(compressedHex)).normalize();
    }
}
