package org.p2pcopy.client;

import java.time.Duration;

/** What a successful transfer moved; on the sender it is what the receiver acknowledged. */
public record TransferSummary(int files, int folders, long bytes, Duration elapsed) {
    /** Average throughput in bytes per second over the whole transfer, pairing excluded. */
    public double bytesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? bytes / seconds : 0;
    }
}
