package org.p2pcopy.client.protocol;

import jakarta.json.bind.annotation.JsonbTransient;

/**
 * One folder or file of a manifest.
 *
 * @param path relative, '/'-separated (docs/protocol.md §5)
 * @param kind {@code dir} or {@code file}
 * @param size the file's size in bytes; null for a folder
 */
public record Entry(String path, String kind, Long size) {
    public static final String DIR = "dir";
    public static final String FILE = "file";

    public Entry {
        Message.require(path, "path");
        Message.require(kind, "kind");
        if (FILE.equals(kind)) {
            Message.requireCount(Message.require(size, "size of a file entry"), "size");
        } else if (DIR.equals(kind)) {
            size = null;
        } else {
            throw new IllegalArgumentException("unknown entry kind " + kind);
        }
    }

    public static Entry dir(String path) {
        return new Entry(path, DIR, null);
    }

    public static Entry file(String path, long size) {
        return new Entry(path, FILE, size);
    }

    // Not a member of the entry on the wire: without this JSON-B writes it as "isFile".
    @JsonbTransient
    public boolean isFile() {
        return FILE.equals(kind);
    }
}
