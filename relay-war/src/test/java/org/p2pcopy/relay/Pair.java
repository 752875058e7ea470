package org.p2pcopy.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.p2pcopy.relay.WsPeer.PAIRED;
import static org.p2pcopy.relay.WsPeer.WAITING;

import java.net.URL;
import java.util.Map;
import java.util.Random;

/** A sender and a receiver that the relay has paired. */
record Pair(WsPeer sender, WsPeer receiver) implements AutoCloseable {
    /** The sender first, told to wait, then the receiver; both are told they are paired. */
    static Pair open(URL base, String room, Map<String, String> headers) {
        WsPeer sender = WsPeer.connect(RelayDeployment.endpoint(base, room, "send"), headers);
        sender.expectText(WAITING);
        WsPeer receiver = WsPeer.connect(RelayDeployment.endpoint(base, room, "receive"), headers);
        sender.expectText(PAIRED);
        receiver.expectText(PAIRED);
        return new Pair(sender, receiver);
    }

    /** Asserts that a text goes one way and a binary frame (of more than 64 KiB) the other. */
    void assertStillForwards() {
        sender.sendText("still there?");
        receiver.expectText("still there?");
        byte[] bytes = new byte[70_000];
        new Random(42).nextBytes(bytes);
        receiver.sendBinary(bytes);
        assertArrayEquals(bytes, assertInstanceOf(WsPeer.Binary.class, sender.next()).bytes());
    }

    @Override
    public void close() {
        try (receiver) {
            sender.close();
        }
    }
}
