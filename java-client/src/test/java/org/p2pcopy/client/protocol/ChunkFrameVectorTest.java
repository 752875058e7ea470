package org.p2pcopy.client.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.p2pcopy.client.Vectors;

/**
 * docs/vectors/chunks.json: chunk frames and the receiver's checks of each (docs/protocol.md §3.2).
 * The receiver's check is the one in Receiver: the seq must be the expected one and the chain must
 * advance from the previous value; the chain starts at the vector's prevChain.
 */
class ChunkFrameVectorTest {
    @TestFactory
    Stream<DynamicTest> chunks() {
        return Vectors.each("chunks.json", test -> {
            ByteBuffer frame = ByteBuffer.wrap(Vectors.hex(test.getString("frame")));
            switch (test.getString("result")) {
                case "valid" -> checkValid(test, ChunkFrame.decode(frame));
                case "protocol" -> assertThrows(ProtocolException.class, () -> ChunkFrame.decode(frame));
                case "integrity" -> assertFalse(receiverAccepts(test, ChunkFrame.decode(frame)),
                        "the receiver accepted a chunk it must reject");
                default -> throw new AssertionError("unknown result " + test.getString("result"));
            }
        });
    }

    private static void checkValid(JsonObject test, ChunkFrame chunk) {
        assertEquals(test.getJsonNumber("seq").longValueExact(), chunk.seq(), "seq");
        assertArrayEquals(Vectors.hex(test.getString("chain")), chunk.chain(), "chain");
        assertEquals(ByteBuffer.wrap(Vectors.hex(test.getString("payload"))), chunk.payload(), "payload");
        assertTrue(receiverAccepts(test, chunk), "the receiver rejected a valid chunk");
    }

    private static boolean receiverAccepts(JsonObject test, ChunkFrame chunk) {
        long expectedSeq = test.getJsonNumber("expectedSeq").longValueExact();
        HashChain chain = new HashChain(Vectors.hex(test.getString("prevChain")));
        return chunk.seq() == expectedSeq && chain.advanceIfMatches(chunk.payload(), chunk.chain());
    }
}
