package org.p2pcopy.client.compression;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.nio.ByteBuffer;
import org.p2pcopy.client.protocol.ChunkFrame;
import org.p2pcopy.client.protocol.ErrorCode;
import org.p2pcopy.client.protocol.ProtocolException;

/**
 * Opens the payload of a compressed chunk: exactly one zstd frame that declares its content size,
 * 1 to 1048576 bytes and no more than the file has left (docs/protocol.md §3.3). The frame's header
 * is checked before anything is decoded, and decoding goes into one buffer of 1 MiB that is reused
 * for every chunk, so a frame that claims more can never make this side allocate it.
 */
public final class ChunkDecompressor implements AutoCloseable {
    private final ZstdDecompressCtx context = new ZstdDecompressCtx();
    private final byte[] buffer = new byte[ChunkFrame.MAX_PAYLOAD_BYTES];

    /**
     * @param payload the compressed chunk's payload, a heap buffer, between position and limit
     * @param remaining how many bytes of the file have not arrived yet
     * @return the decompressed bytes, a view of this decompressor's buffer that the next call overwrites
     * @throws ProtocolException {@link ErrorCode#INTEGRITY} for anything but a valid frame of an allowed size
     */
    public ByteBuffer decompress(ByteBuffer payload, long remaining) throws ProtocolException {
        byte[] source = payload.array();
        int offset = payload.arrayOffset() + payload.position();
        int length = payload.remaining();
        long declared;
        try {
            long frameBytes = Zstd.findFrameCompressedSize(source, offset, length);
            if (Zstd.isError(frameBytes) || frameBytes != length) {
                throw refused("is not exactly one zstd frame");
            }
            declared = Zstd.getFrameContentSize(source, offset, length);
        } catch (ZstdException e) {
            throw refused("is not a zstd frame (" + e.getMessage() + ")");
        }
        if (declared < 0) {
            throw refused("does not declare its decompressed size");
        }
        if (declared == 0 || declared > ChunkFrame.MAX_PAYLOAD_BYTES) {
            throw refused("declares " + declared + " bytes (allowed: 1 to " + ChunkFrame.MAX_PAYLOAD_BYTES + ")");
        }
        if (declared > remaining) {
            throw refused("declares " + declared + " bytes, more than the " + remaining + " left in the file");
        }
        int decoded;
        try {
            decoded = context.decompressByteArray(buffer, 0, (int) declared, source, offset, length);
        } catch (ZstdException e) {
            throw refused("does not decode (" + e.getMessage() + ")");
        }
        if (decoded != declared) {
            throw refused("decodes to " + decoded + " bytes but declares " + declared);
        }
        return ByteBuffer.wrap(buffer, 0, decoded);
    }

    private static ProtocolException refused(String what) {
        return new ProtocolException(ErrorCode.INTEGRITY, "a compressed chunk " + what);
    }

    @Override
    public void close() {
        context.close();
    }
}
