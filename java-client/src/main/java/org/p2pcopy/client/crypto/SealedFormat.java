package org.p2pcopy.client.crypto;

import org.p2pcopy.client.protocol.ChunkFrame;

/**
 * The layout of a sealed frame (docs/protocol.md §7.3): the plaintext {@code kind || body} cut into
 * records of {@link FrameCipher#RECORD_BYTES}, each sealed with its own tag, the records back to back.
 */
public final class SealedFormat {
    /** The body is one control message, JSON in UTF-8. */
    public static final byte CONTROL = 0x01;
    /** The body is one chunk frame (docs/protocol.md §3.2). */
    public static final byte CHUNK = 0x02;
    /** The largest body: a chunk frame with a full 1 MiB payload. Control messages are smaller. */
    public static final int MAX_BODY_BYTES = ChunkFrame.MAX_FRAME_BYTES;
    /** The largest control message in UTF-8. */
    public static final int MAX_CONTROL_BYTES = 1024 * 1024;
    static final int MAX_PLAINTEXT_BYTES = 1 + MAX_BODY_BYTES;
    /** A full record on the wire: ciphertext and tag. */
    static final int PIECE_BYTES = FrameCipher.RECORD_BYTES + FrameCipher.TAG_BYTES;
    static final int AAD_BYTES = Long.BYTES + 1;
    /** The largest frame on the wire: 1049657 bytes. */
    public static final int MAX_WIRE_BYTES = wireBytes(MAX_BODY_BYTES);

    private SealedFormat() {
    }

    /** The length on the wire of a frame whose body has {@code bodyBytes} bytes. */
    public static int wireBytes(int bodyBytes) {
        return 1 + bodyBytes + records(1 + bodyBytes) * FrameCipher.TAG_BYTES;
    }

    static int records(int plaintextBytes) {
        return (plaintextBytes + FrameCipher.RECORD_BYTES - 1) / FrameCipher.RECORD_BYTES;
    }

    /** The record's associated data: its counter, and whether it ends the frame (so that a frame cut short at a record boundary fails). */
    static byte[] aad(long counter, boolean last) {
        byte[] aad = new byte[AAD_BYTES];
        for (int i = 0; i < Long.BYTES; i++) {
            aad[Long.BYTES - 1 - i] = (byte) (counter >>> (8 * i));
        }
        aad[Long.BYTES] = (byte) (last ? 1 : 0);
        return aad;
    }
}
