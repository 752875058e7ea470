package org.p2pcopy.client.protocol;

import java.nio.ByteBuffer;

/**
 * A binary frame of file data: {@code [seq u64 big-endian | chain 32 bytes | payload]}
 * (docs/protocol.md §3.2). Bit 63 of {@code seq} set marks a compressed chunk (§3.3), whose payload is one
 * zstd frame; {@link #seq()} is the field as it is on the wire, {@link #number()} the chunk's number.
 */
public record ChunkFrame(long seq, byte[] chain, ByteBuffer payload) {
    public static final int HEADER_BYTES = Long.BYTES + HashChain.LENGTH;
    public static final int MAX_PAYLOAD_BYTES = 1024 * 1024;
    public static final int MAX_FRAME_BYTES = HEADER_BYTES + MAX_PAYLOAD_BYTES;

    /**
     * How many chunks a sender sends for the first {@code bytes} of a file: the seq of the chunk
     * that follows them, and a file's chunk count.
     */
    public static long chunksIn(long bytes) {
        return (bytes + MAX_PAYLOAD_BYTES - 1) / MAX_PAYLOAD_BYTES;
    }
    /** Bit 63 of the seq field: the payload is compressed (real chunk numbers stay below 2^53). */
    public static final long COMPRESSED = Long.MIN_VALUE;

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

    /** Whether the payload is a zstd frame rather than the file's bytes. */
    public boolean compressed() {
        return (seq & COMPRESSED) != 0;
    }

    /**
     * Refuses a compressed chunk unless both hellos listed {@code zstd} (docs/protocol.md §3.3).
     *
     * @throws ProtocolException {@link ErrorCode#PROTOCOL}
     */
    public void requireCompressionAgreed(boolean agreed) throws ProtocolException {
        if (compressed() && !agreed) {
            throw new ProtocolException("a compressed chunk arrived, but compression was not agreed in the handshake");
        }
    }

    /** The chunk's number within its file: the seq field without the compression bit. */
    public long number() {
        return seq & ~COMPRESSED;
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
