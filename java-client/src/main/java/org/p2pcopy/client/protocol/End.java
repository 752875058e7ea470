package org.p2pcopy.client.protocol;

/** The sender has sent every file: their number and the sum of their sizes. */
public record End(long files, long bytes) implements Message {
    public End {
        Message.requireCount(files, "files");
        Message.requireCount(bytes, "bytes");
    }
}
