package org.p2pcopy.client.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Decoding beyond messages.json. */
class MessageCodecTest {
    private static final String END = "{\"type\":\"end\",\"files\":1,\"bytes\":5}";

    /** A text frame is one JSON object (RFC 8259, docs/protocol.md §3): nothing may follow it. */
    @TestFactory
    Stream<DynamicTest> contentAfterTheObjectIsAProtocolError() {
        return Stream.of(END + " x", END + " {}", END + END, END + " null").map(text -> DynamicTest.dynamicTest(text,
                () -> assertThrows(ProtocolException.class, () -> MessageCodec.decode(text))));
    }

    @Test
    void whiteSpaceAroundTheObjectIsFine() throws ProtocolException {
        assertEquals(new End(1, 5), MessageCodec.decode(" \n" + END + "\r\n\t "));
    }
}
