package org.p2pcopy.client.protocol;

/**
 * The receiver verified every file and moved it into place. Only this makes the sender succeed
 * (docs/protocol.md §4.5).
 */
public record Ack(long files, long bytes) implements Message {
    public Ack {
        Message.requireCount(files, "files");
        Message.requireCount(bytes, "bytes");
    }
}
