package org.p2pcopy.client.protocol;

/**
 * The last frame of a file: how many chunks and bytes it had, and its digest, the final chain value
 * (docs/protocol.md §3.2).
 */
public record FileEnd(long index, long chunks, long size, String digest) implements Message {
    public FileEnd {
        Message.requireCount(index, "index");
        Message.requireCount(chunks, "chunks");
        Message.requireCount(size, "size");
        Message.requireDigest(digest, "digest");
    }
}
