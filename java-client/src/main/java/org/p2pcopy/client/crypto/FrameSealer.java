package org.p2pcopy.client.crypto;

import java.nio.ByteBuffer;

/** Seals the frames of one direction (docs/protocol.md §7.3). Not thread-safe. */
public final class FrameSealer {
    private final FrameCipher cipher;
    private final ByteBuffer kindByte = ByteBuffer.allocate(1);

    FrameSealer(FrameCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * Seals {@code kind || body} (the body's remaining bytes, which are consumed) and writes the
     * frame to {@code out}, which needs {@link SealedFormat#wireBytes} of the body's length.
     */
    public void seal(byte kind, ByteBuffer body, ByteBuffer out) {
        int bodyBytes = body.remaining();
        if (bodyBytes > SealedFormat.MAX_BODY_BYTES) {
            throw new IllegalArgumentException("a sealed frame's body is at most " + SealedFormat.MAX_BODY_BYTES
                    + " bytes, not " + bodyBytes);
        }
        int end = body.limit();
        int records = SealedFormat.records(1 + bodyBytes);
        kindByte.clear().put(kind).flip();
        for (int i = 0; i < records; i++) {
            boolean last = i == records - 1;
            byte[] aad = SealedFormat.aad(cipher.nextSequence(), last);
            // The kind byte takes the first record's first place, so each record still holds RECORD_BYTES.
            int take = i == 0 ? FrameCipher.RECORD_BYTES - 1 : FrameCipher.RECORD_BYTES;
            body.limit(Math.min(end, body.position() + take));
            if (i == 0) {
                cipher.sealParts(aad, out, kindByte, body);
            } else {
                cipher.sealParts(aad, out, body);
            }
            body.limit(end);
        }
    }
}
