package org.p2pcopy.client.crypto;

import java.nio.ByteBuffer;
import javax.crypto.AEADBadTagException;

/**
 * Opens the frames of one direction (docs/protocol.md §7.3). A frame opens only whole, in order and
 * unaltered; after any failure the opener stays closed. Not thread-safe.
 */
public final class FrameOpener {
    private final FrameCipher cipher;

    FrameOpener(FrameCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * Opens the frame in {@code wire}'s remaining bytes into {@code out} (which needs room for the
     * plaintext, at most {@link SealedFormat#MAX_BODY_BYTES} + 1) and returns the plaintext: its
     * first byte is the kind, the rest the body.
     *
     * @throws AEADBadTagException if the frame is not exactly what the peer sealed next
     */
    public ByteBuffer open(ByteBuffer wire, ByteBuffer out) throws AEADBadTagException {
        int length = wire.remaining();
        int tail = length % SealedFormat.PIECE_BYTES;
        if (length == 0 || length > SealedFormat.MAX_WIRE_BYTES || tail != 0 && tail <= FrameCipher.TAG_BYTES) {
            throw new AEADBadTagException("a sealed frame of " + length + " bytes cannot be whole");
        }
        int start = out.position();
        int end = wire.limit();
        while (wire.hasRemaining()) {
            int piece = Math.min(SealedFormat.PIECE_BYTES, wire.remaining());
            boolean last = piece == wire.remaining();
            wire.limit(wire.position() + piece);
            cipher.open(SealedFormat.aad(cipher.nextSequence(), last), wire, out);
            wire.limit(end);
        }
        return out.flip().position(start);
    }
}
