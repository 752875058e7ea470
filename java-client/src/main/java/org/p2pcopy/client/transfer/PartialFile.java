package org.p2pcopy.client.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A file being received: written under a temporary name beside its final one, and moved there only
 * once verified, so that a half-received or corrupted file never carries the real name.
 */
final class PartialFile implements AutoCloseable {
    private final String manifestPath;
    private final Path target;
    private final Path temporary;
    private final FileChannel channel;
    private final Consumer<PartialFile> onGone;
    private boolean open = true;

    PartialFile(String manifestPath, Path target, Path temporary, FileChannel channel, Consumer<PartialFile> onGone) {
        this.manifestPath = manifestPath;
        this.target = target;
        this.temporary = temporary;
        this.channel = channel;
        this.onGone = onGone;
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
    synchronized void finish() throws IOException {
        channel.force(true);
        channel.close();
        open = false;
    }

    /** Closes the file and removes the temporary name; nothing of it remains. */
    @Override
    public synchronized void close() {
        onGone.accept(this);
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
