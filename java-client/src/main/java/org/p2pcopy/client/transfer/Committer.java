package org.p2pcopy.client.transfer;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.p2pcopy.client.TransferListener;
import org.p2pcopy.client.protocol.ErrorCode;
import org.p2pcopy.client.protocol.ProtocolException;

/**
 * Puts verified files in place on background threads. Flushing a file to disk before it takes its
 * name costs a millisecond or more, which for many small files would otherwise be most of the
 * transfer; here it overlaps with receiving the next files. The receiver acknowledges only after
 * {@link #finish()}, when every file is flushed and in place. Listener calls stay on the caller's
 * thread.
 */
final class Committer implements AutoCloseable {
    /** How many files may wait for their flush; beyond that the receiver waits, bounding memory. */
    static final int MAX_PENDING = 64;
    private static final int THREADS = 2;

    private final OutputTree output;
    private final TransferListener listener;
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS, runnable -> {
        Thread thread = new Thread(runnable, "p2p-copy-commit");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<Pending> pending = new ArrayDeque<>();

    private record Pending(PartialFile file, long size, String digest, Future<?> done) {
    }

    Committer(OutputTree output, TransferListener listener) {
        this.output = output;
        this.listener = listener;
    }

    /** Hands over a verified file; reports those already in place, and the first failure. */
    void submit(PartialFile file, long size, String digest) throws ProtocolException {
        Future<?> done = pool.submit(() -> {
            output.commit(file);
            return null;
        });
        pending.add(new Pending(file, size, digest, done));
        while (!pending.isEmpty() && (pending.size() > MAX_PENDING || pending.peek().done().isDone())) {
            settleFirst();
        }
    }

    /** Waits until every file handed over is flushed and in place. */
    void finish() throws ProtocolException {
        while (!pending.isEmpty()) {
            settleFirst();
        }
    }

    private void settleFirst() throws ProtocolException {
        Pending first = pending.poll();
        try {
            first.done().get();
        } catch (ExecutionException e) {
            throw asProtocolException(first.file(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProtocolException(ErrorCode.CANCELLED, "interrupted");
        } finally {
            first.file().close();
        }
        listener.fileVerified(first.file().manifestPath(), first.size(), first.digest());
    }

    private static ProtocolException asProtocolException(PartialFile file, Throwable cause) {
        if (cause instanceof ProtocolException protocol) {
            return protocol;
        }
        if (cause instanceof IOException io) {
            return OutputTree.writeFailure(file.manifestPath(), io);
        }
        return new ProtocolException(ErrorCode.IO, file.manifestPath() + ": " + cause);
    }

    /**
     * On the way out after a failure: lets the files already verified reach their place (they stay,
     * as the protocol says) and removes the temporary names of any that did not.
     */
    @Override
    public void close() {
        for (Pending waiting : pending) {
            try {
                waiting.done().get();
            } catch (ExecutionException | InterruptedException e) {
                // Its temporary name goes below; the transfer is failing for another reason already.
            } finally {
                waiting.file().close();
            }
        }
        pending.clear();
        pool.shutdown();
    }
}
