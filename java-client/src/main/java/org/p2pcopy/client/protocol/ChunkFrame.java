package org.p2pcopy.client.protocol;

import java.nio.ByteBuffer;

/**
 * A binary frame of file data: {@code [seq u64 big-endian | chain 32 bytes | payload]}
 * (docs/protocol.md §3.2).
 */
public record ChunkFrame(long seq, byte[] chain, ByteBuffer payload) {
    public static final int HEADER_BYTES = Long.BYTES + HashChain.LENGTH;
    public static final int MAX_PAYLOAD_BYTES = 1024 * 1024;
    public static final int MAX_FRAME_BYTES = HEADER_BYTES + MAX_PAYLOAD_BYTES;

    /** Reads a frame; the payload is a view of {@code frame}, not a copy. */
    public static ChunkFrame decode(ByteBuffer frame) throws ProtocolException {
        int length = frame.remaining();
        if (length <= HEADER_BYTES || length > MAX_FRAME_BYTES) {
            throw new ProtocolException("a chunk frame of " + length + " bytes (allowed: "
                    + (HEADER_BYTES + 1) + " to " + MAX_FRAME_BYTES + ")");
        }
        ByteBuffer view = frame.slice();
        long seq = view.getLong();
        byte[] chain = new byte[HashChain.LENGTH];
        view.get(chain);
        return new ChunkFrame(seq, chain, view.slice());
    }

    /**
     * Writes the header in front of a payload that the caller already placed at
     * {@code [HEADER_BYTES, limit)} of {@code frame}, so that file data is never copied.
     */
    public static void writeHeader(ByteBuffer frame, long seq, byte[] chain) {
        frame.putLong(0, seq);
        frame.put(Long.BYTES, chain);
    }
}
