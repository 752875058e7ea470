package org.p2pcopy.client.transfer;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.p2pcopy.client.protocol.Entry;

/**
 * A folder or file to send: its manifest path, where it is on disk, and for a file the size and
 * modification time seen when the manifest was made, so that a change during sending is noticed.
 */
record SourceEntry(String path, Path file, boolean isFolder, long size, FileTime modified) {
    Entry toEntry() {
        return isFolder ? Entry.dir(path) : Entry.file(path, size);
    }
}
