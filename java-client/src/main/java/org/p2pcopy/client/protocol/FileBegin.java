package org.p2pcopy.client.protocol;

/** The chunks that follow belong to file number {@code index} of the manifest. */
public record FileBegin(long index, String path, long size) implements Message {
    public FileBegin {
        Message.requireCount(index, "index");
        Message.require(path, "path");
        Message.requireCount(size, "size");
    }
}
