package org.p2pcopy.client;

import java.time.Duration;

/**
 * What a successful transfer moved; on the sender it is what the receiver acknowledged.
 *
 * @param bytes the files' bytes
 * @param wireBytes the chunks' payloads as they crossed the relay, compressed ones at their
 *     compressed size (frame headers and sealing not counted); {@code bytes} without compression
 * @param compressed whether both sides agreed on compressed chunks
 * @param resumption what a resumed transfer found already on the receiver; {@link Resumption#NONE}
 *     otherwise
 */
public record TransferSummary(int files, int folders, long bytes, Duration elapsed, long wireBytes,
        boolean compressed, Resumption resumption) {
    /** A transfer without compression: every file byte crossed as it is. */
    public TransferSummary(int files, int folders, long bytes, Duration elapsed) {
        this(files, folders, bytes, elapsed, bytes, false, Resumption.NONE);
    }

    /**
     * Average throughput in bytes per second of what this transfer moved, pairing excluded: bytes
     * a resumed transfer found already there do not count.
     */
    public double bytesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? (bytes - resumption.bytes()) / seconds : 0;
    }
}
