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
        return lengthPrefixed(idA, idB, pA, pB, k, w);
    }

    /**
     * Each field as len(field) || field, len as 8 bytes little-endian: the RFC's encoding of TT, which
     * the handshake's AAD (docs/protocol.md §7.2) uses too.
     */
    static byte[] lengthPrefixed(byte[]... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] field : fields) {
            long length = field.length;
            for (int i = 0; i < 8; i++) {
                out.write((int) (length >>> (8 * i)));
            }
            out.writeBytes(field);
        }
        return out.toByteArray();
    }
}
