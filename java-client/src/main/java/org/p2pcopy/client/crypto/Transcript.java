package org.p2pcopy.client.crypto;

import java.io.ByteArrayOutputStream;

/**
 * The SPAKE2 transcript TT (RFC 9382 §4):
 * len(A) || A || len(B) || B || len(pA) || pA || len(pB) || pB || len(K) || K || len(w) || w,
 * where len is the length as 8 bytes little-endian. An absent identity is the empty string, which
 * still contributes its 8-byte zero length.
 */
final class Transcript {
    private Transcript() {
    }

    static byte[] of(byte[] idA, byte[] idB, byte[] pA, byte[] pB, byte[] k, byte[] w) {
        ByteArrayOutputStream tt = new ByteArrayOutputStream(8 * 6 + idA.length + idB.length + 3 * P256.POINT_BYTES + w.length);
        for (byte[] field : new byte[][] {idA, idB, pA, pB, k, w}) {
            long length = field.length;
            for (int i = 0; i < 8; i++) {
                tt.write((int) (length >>> (8 * i)));
            }
            tt.writeBytes(field);
        }
        return tt.toByteArray();
    }
}
