package org.p2pcopy.client.transfer;

import java.time.Duration;
import org.p2pcopy.client.Resumption;

/** Counts, on either side, what a resumed transfer kept and what it sent again. */
final class ResumeTally {
    private long bytes;
    private int complete;
    private int continued;
    private int restarted;
    private long checkingNanos;

    /** A file continues at {@code offset}: complete if that is its size. */
    void continuedAt(long offset, long size) {
        bytes += offset;
        if (offset == size) {
            complete++;
        } else {
            continued++;
        }
    }

    void restarted() {
        restarted++;
    }

    /** Time spent hashing data that was already there, measured from {@code startNanos}. */
    void checkedSince(long startNanos) {
        checkingNanos += System.nanoTime() - startNanos;
    }

    Resumption result() {
        return new Resumption(bytes, complete, continued, restarted, Duration.ofNanos(checkingNanos));
    }
}
