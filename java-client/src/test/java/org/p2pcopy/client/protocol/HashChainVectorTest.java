package org.p2pcopy.client.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.p2pcopy.client.Vectors;

/** docs/vectors/chain.json: the digest of a file is the last value of its chain (docs/protocol.md §3.2). */
class HashChainVectorTest {
    @TestFactory
    Stream<DynamicTest> digests() {
        return Vectors.each("chain.json", test -> {
            HashChain chain = new HashChain();
            for (JsonObject payload : test.getJsonArray("payloads").getValuesAs(JsonObject.class)) {
                chain.next(ByteBuffer.wrap(Vectors.bytes(payload)));
            }
            assertEquals(test.getString("digest"), HexFormat.of().formatHex(chain.value()));
        });
    }
}
