package org.p2pcopy.client.protocol;

import jakarta.json.bind.annotation.JsonbCreator;

/**
 * The chunks that follow belong to file number {@code index} of the manifest; they continue it at
 * {@code offset}, on data the receiver holds already (docs/protocol.md §4.8).
 *
 * @param offset null for 0, so that a transfer that resumes nothing writes the member not at all
 */
public record FileBegin(long index, String path, long size, Long offset) implements Message {
    // The canonical constructor is the one JSON-B must use; the other is for this code.
    @JsonbCreator
    public FileBegin {
        Message.requireCount(index, "index");
        Message.require(path, "path");
        Message.requireCount(size, "size");
        if (offset != null) {
            Message.requireCount(offset, "offset");
            offset = offset == 0 ? null : offset;
        }
    }

    public FileBegin(long index, String path, long size) {
        this(index, path, size, null);
    }

    /** Where the file's chunks start. */
    public long start() {
        return offset == null ? 0 : offset;
    }
}
