package org.p2pcopy.client.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file being received: written under a temporary name beside its final one, and moved there only
 * once verified, so that a half-received or corrupted file never carries the real name.
 */
final class PartialFile implements AutoCloseable {
    private final String manifestPath;
    private final Path target;
    private final Path temporary;
    private final FileChannel channel;
    private boolean open = true;

    PartialFile(String manifestPath, Path target, Path temporary, FileChannel channel) {
        this.manifestPath = manifestPath;
        this.target = target;
        this.temporary = temporary;
        this.channel = channel;
    }

    String manifestPath() {
        return manifestPath;
    }

    Path target() {
        return target;
    }

    Path temporary() {
        return temporary;
    }

    void write(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            channel.write(data);
        }
    }

    /** Flushes the data to the disk and closes the file. */
    void finish() throws IOException {
        channel.force(true);
        channel.close();
        open = false;
    }

    /** Closes the file and removes the temporary name; nothing of it remains. */
    @Override
    public void close() {
        try {
            if (open) {
                channel.close();
                open = false;
            }
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // Best effort on a path that already failed: the name is recognisable as a leftover.
        }
    }
}
