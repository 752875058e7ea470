package org.p2pcopy.client.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.p2pcopy.client.Vectors;

/** docs/vectors/messages.json: control messages to and from JSON (docs/protocol.md §3.1). */
class MessageCodecVectorTest {
    @TestFactory
    Stream<DynamicTest> messages() {
        return Vectors.each("messages.json", test -> {
            String json = test.getString("json");
            if (Vectors.isValid(test)) {
                checkValid(json, test.getJsonObject("message"));
            } else {
                assertThrows(ProtocolException.class, () -> MessageCodec.decode(json));
            }
        });
    }

    private static void checkValid(String json, JsonObject expected) throws ProtocolException {
        Message decoded = MessageCodec.decode(json);
        // Compared as JSON objects: member order and white space are not part of a message.
        String encoded = MessageCodec.encode(decoded);
        assertEquals(expected, Vectors.json(encoded), "decoded and encoded again");
        assertEquals(decoded, MessageCodec.decode(encoded), "encoded and decoded again");
    }
}
