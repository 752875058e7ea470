package org.p2pcopy.client.protocol;

/**
 * What a resuming receiver already holds of one file (docs/protocol.md §4.8): its first
 * {@code size} bytes, whose chain value is {@code chain}.
 */
public record Held(long index, long size, String chain) {
    public Held {
        Message.requireCount(index, "index");
        Message.requireCount(size, "size");
        Message.requireDigest(chain, "chain");
    }
}
