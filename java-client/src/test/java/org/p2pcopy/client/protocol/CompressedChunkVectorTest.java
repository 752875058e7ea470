package org.p2pcopy.client.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.p2pcopy.client.Vectors;
import org.p2pcopy.client.compression.ChunkDecompressor;

/**
 * docs/vectors/compressed.json: compressed chunks (docs/protocol.md §3.3), checked as the receiver
 * checks them: compression agreed, the number, the zstd frame opened with the file's remaining
 * bytes as the bound, then the chain over the decoded bytes.
 */
class CompressedChunkVectorTest {
    @TestFactory
    Stream<DynamicTest> compressed() {
        return Vectors.each("compressed.json", test -> {
            ChunkFrame chunk = ChunkFrame.decode(ByteBuffer.wrap(Vectors.hex(test.getString("frame"))));
            assertTrue(chunk.compressed(), "bit 63 of seq");
            assertEquals(test.getJsonNumber("expectedSeq").longValueExact(), chunk.number(), "seq without bit 63");
            switch (test.getString("result")) {
                case "valid" -> {
                    ByteBuffer data = receive(test, chunk);
                    assertEquals(test.getJsonNumber("seq").longValueExact(), chunk.number());
                    assertEquals(ByteBuffer.wrap(Vectors.hex(test.getString("payload"))), data, "decoded payload");
                }
                case "protocol" -> assertEquals(ErrorCode.PROTOCOL,
                        assertThrows(ProtocolException.class, () -> receive(test, chunk)).code());
                case "integrity" -> assertEquals(ErrorCode.INTEGRITY,
                        assertThrows(ProtocolException.class, () -> receive(test, chunk)).code());
                default -> throw new AssertionError("unknown result " + test.getString("result"));
            }
        });
    }

    /** The receiver's steps for one chunk; the decoded bytes, or the refusal. */
    private static ByteBuffer receive(JsonObject test, ChunkFrame chunk) throws ProtocolException {
        boolean negotiated = test.getBoolean("negotiated");
        chunk.requireCompressionAgreed(negotiated);
        assertTrue(negotiated);
        try (ChunkDecompressor decompressor = new ChunkDecompressor()) {
            ByteBuffer data = decompressor.decompress(chunk.payload(), test.getJsonNumber("remaining").longValueExact());
            HashChain chain = new HashChain(Vectors.hex(test.getString("prevChain")));
            if (!chain.advanceIfMatches(data.duplicate(), chunk.chain())) {
                throw new ProtocolException(ErrorCode.INTEGRITY, "the chunk does not match its checksum chain");
            }
            return ByteBuffer.allocate(data.remaining()).put(data).flip();
        }
    }
}
