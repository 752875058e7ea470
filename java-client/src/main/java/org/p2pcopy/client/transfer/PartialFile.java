package org.p2pcopy.client.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A file being received: written under a temporary name beside its final one, and moved there only
 * once verified, so that a half-received or corrupted file never carries the real name. What it
 * holds is only data that verified, so an interrupted transfer can continue from it.
 *
 * <p>The file must be on disk before the receiver acknowledges it. Left to the end, flushing a large
 * file stalls the transfer for seconds (the kernel holds gigabytes of dirty pages before it writes
 * on its own), so the written part is flushed in the background every {@link #FLUSH_EVERY_BYTES}
 * while the rest arrives.
 */
final class PartialFile implements AutoCloseable {
    static final long FLUSH_EVERY_BYTES = 64L * 1024 * 1024;
    private static final ExecutorService FLUSHER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "p2p-copy-flush");
        thread.setDaemon(true);
        return thread;
    });

    private final String manifestPath;
    private final Path target;
    private final Path temporary;
    private final FileChannel channel;
    private final Consumer<PartialFile> onGone;
    private boolean open = true;
    private long keptBytes;
    private long unflushed;
    private Future<?> flushing = CompletableFuture.completedFuture(null);

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
        unflushed += data.remaining();
        while (data.hasRemaining()) {
            channel.write(data);
        }
        if (unflushed >= FLUSH_EVERY_BYTES && flushing.isDone()) {
            unflushed = 0;
            flushing = FLUSHER.submit(() -> {
                channel.force(false);
                return null;
            });
        }
    }

    /** Flushes the data to the disk and closes the file. */
    synchronized void finish() throws IOException {
        awaitFlush();
        channel.force(true);
        channel.close();
        open = false;
    }

    /**
     * Closes the file. An unfinished one keeps its temporary name with what was written, all of it
     * verified, so that the transfer can be resumed (docs/protocol.md §4.8); an empty one goes.
     */
    @Override
    public synchronized void close() {
        try {
            awaitFlush();
        } catch (IOException e) {
            // The data written stays; a resumed transfer checks it again before relying on it.
        }
        try {
            if (open) {
                keptBytes = channel.size();
                channel.close();
                open = false;
                if (keptBytes == 0) {
                    Files.deleteIfExists(temporary);
                }
            }
        } catch (IOException e) {
            // Best effort on a path that already failed: the name is recognisable as a leftover.
        }
        onGone.accept(this);
    }

    /** How many bytes stayed under the temporary name when the file was closed unfinished. */
    synchronized long keptBytes() {
        return keptBytes;
    }

    /** Waits for the background flush; its failure (a full disk, say) is this file's failure. */
    private void awaitFlush() throws IOException {
        try {
            flushing.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while flushing to disk");
        }
    }
}
