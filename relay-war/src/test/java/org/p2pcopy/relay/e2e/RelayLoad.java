package org.p2pcopy.relay.e2e;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.p2pcopy.client.P2pCopy;
import org.p2pcopy.client.ReceiveRequest;
import org.p2pcopy.client.SendRequest;
import org.p2pcopy.client.TransferListener;
import org.p2pcopy.client.TransferSummary;

/**
 * Many pairs through one relay at once, and what that cost the relay process: its peak memory and
 * its CPU. Shared by {@link RelayLoadIT} and {@link RelayLoadBench}.
 */
final class RelayLoad {
    static final long MIB = 1024 * 1024;
    static final double GIB = 1024.0 * 1024 * 1024;
    /**
     * The limits the relay applies to protect itself on the open internet (connections per minute,
     * connections and rooms at once), lifted so that they do not refuse one machine's many pairs.
     */
    static final List<String> NO_LIMITS = List.of("-Dp2pcopy.relay.connectionsPerMinute=100000",
            "-Dp2pcopy.relay.maxConnections=100000", "-Dp2pcopy.relay.maxRooms=100000");

    private RelayLoad() {
    }

    /**
     * What a run moved and what it cost the relay.
     *
     * @param bytesEach the payload of one pair
     * @param peakRssKiB the largest VmRSS sampled every 200 ms during the run
     * @param hwmKiB the relay's VmHWM after the run: its peak RSS since it started, between samples too
     * @param relayCpuSeconds the relay's utime + stime over the run
     * @param failures what went wrong with each pair that failed
     */
    record Measured(String mode, int pairs, long bytesEach, double seconds, long peakRssKiB, long hwmKiB,
            double relayCpuSeconds, List<String> failures) {
        long bytes() {
            return pairs * bytesEach;
        }

        /** Payload bytes of every pair over the wall time, in MB (10^6 bytes) per second. */
        double megabytesPerSecond() {
            return bytes() / seconds / 1e6;
        }

        double cpuSecondsPerGiB() {
            return relayCpuSeconds / (bytes() / GIB);
        }

        static String header() {
            return "| mode | pairs | MiB each | failed | seconds | MB/s (all pairs) | relay peak RSS sampled (MiB)"
                    + " | relay VmHWM (MiB) | relay CPU s | relay CPU s per GiB |\n|---|---|---|---|---|---|---|---|---|---|";
        }

        String row() {
            return String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f | %.0f | %d | %d | %.2f | %.2f |", mode,
                    pairs, bytesEach / MIB, failures.size(), seconds, megabytesPerSecond(), peakRssKiB / 1024, hwmKiB / 1024, relayCpuSeconds,
                    cpuSecondsPerGiB());
        }
    }

    /** Many pairs' transfers; returns what went wrong with each pair that failed. */
    interface Work {
        List<String> run() throws Exception;
    }

    /** Runs {@code work} while watching the relay: its RSS every 200 ms, its CPU seconds before and after. */
    static Measured measure(RelayProcess relay, String mode, int pairs, long bytesEach, Work work) throws Exception {
        long pid = relay.pid();
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        long[] peak = {ProcFs.statusKiB(pid, "VmRSS")};
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long rss = ProcFs.statusKiB(pid, "VmRSS");
                synchronized (peak) {
                    peak[0] = Math.max(peak[0], rss);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "relay-rss-sampler");
        sampler.setDaemon(true);
        double cpuBefore = ProcFs.cpuSeconds(stat);
        long started = System.nanoTime();
        sampler.start();
        List<String> failures;
        try {
            failures = work.run();
        } finally {
            sampler.interrupt();
            sampler.join(5000);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpu = ProcFs.cpuSeconds(stat) - cpuBefore;
        synchronized (peak) {
            return new Measured(mode, pairs, bytesEach, seconds, peak[0], ProcFs.statusKiB(pid, "VmHWM"), cpu,
                    List.copyOf(failures));
        }
    }

    /** How one side of a pair ended, once it has. */
    private static String outcome(Future<TransferSummary> side) {
        try {
            return String.valueOf(side.get(10, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause());
        } catch (TimeoutException e) {
            return "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * {@code pairs} transfers at once with the client library, encrypted as by default: each pair
     * its own code, the receiver and the sender started together, each receiving {@code source}
     * into a folder of its own under {@code outRoot}. A pair fails unless its receiver wrote the
     * same bytes and its sender's summary says the receiver took them all. Each copy is deleted once
     * compared, so that the disk holds only a few at once.
     */
    static List<String> clientPairs(String server, Path source, int pairs, Path outRoot, String roomPrefix, Duration limit)
            throws Exception {
        long size = Files.size(source);
        ExecutorService peers = Executors.newFixedThreadPool(2 * pairs);
        List<Future<TransferSummary>> received = new ArrayList<>();
        List<Future<TransferSummary>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < pairs; i++) {
                String code = roomPrefix + i + "-crayon-orbit-" + i;
                Path out = Files.createDirectories(outRoot.resolve(String.valueOf(i)));
                received.add(peers.submit(() -> P2pCopy.receive(new ReceiveRequest(server, code, out, false),
                        TransferListener.SILENT)));
                sent.add(peers.submit(() -> P2pCopy.send(new SendRequest(server, code, List.of(source)),
                        TransferListener.SILENT)));
            }
            long deadline = System.nanoTime() + limit.toNanos();
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                try {
                    TransferSummary in = received.get(i).get(left(deadline), TimeUnit.NANOSECONDS);
                    TransferSummary out = sent.get(i).get(left(deadline), TimeUnit.NANOSECONDS);
                    Path copy = outRoot.resolve(String.valueOf(i)).resolve(source.getFileName());
                    if (in.files() != 1 || in.bytes() != size || out.files() != 1 || out.bytes() != size) {
                        failures.add("pair " + i + ": received " + in + ", sender's summary " + out);
                    } else if (Files.mismatch(source, copy) != -1) {
                        failures.add("pair " + i + ": the copy differs from the source");
                    }
                    Files.deleteIfExists(copy);
                } catch (TimeoutException e) {
                    failures.add("pair " + i + ": not done within " + limit.toSeconds() + " s");
                } catch (Exception e) {
                    failures.add("pair " + i + ": receiver: " + outcome(received.get(i)) + "; sender: "
                            + outcome(sent.get(i)));
                }
            }
            return failures;
        } finally {
            peers.shutdownNow();
            peers.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    /**
     * {@code pairs} raw WebSocket pairs at once ({@link RawRelayPeer}): each sender pushes 1 MiB
     * frames of random bytes as fast as the relay takes them until {@code bytesEach} went out, each
     * receiver counts until all of it arrived. Only the relay's work: no protocol, no crypto, no disk.
     */
    static List<String> rawPairs(String wsBase, int pairs, long bytesEach, String roomPrefix, Duration limit)
            throws Exception {
        ByteBuffer frame = randomFrame();
        ExecutorService senders = Executors.newFixedThreadPool(pairs);
        List<RawRelayPeer> all = new ArrayList<>();
        try {
            List<RawRelayPeer> receivers = new ArrayList<>();
            List<Future<?>> sending = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                RawRelayPeer receiver = RawRelayPeer.open(wsBase, roomPrefix + i, "receive");
                RawRelayPeer sender = RawRelayPeer.open(wsBase, roomPrefix + i, "send");
                all.add(receiver);
                all.add(sender);
                receivers.add(receiver);
                sending.add(senders.submit(() -> {
                    sender.awaitPaired();
                    sender.send(frame, bytesEach, () -> false);
                    return null;
                }));
            }
            long deadline = System.nanoTime() + limit.toNanos();
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                try {
                    sending.get(i).get(left(deadline), TimeUnit.NANOSECONDS);
                    receivers.get(i).awaitReceived(bytesEach, Duration.ofNanos(left(deadline)));
                } catch (TimeoutException e) {
                    failures.add("pair " + i + ": not done within " + limit.toSeconds() + " s");
                } catch (Exception | AssertionError e) {
                    failures.add("pair " + i + ": " + (e.getCause() != null ? e.getCause() : e));
                }
            }
            return failures;
        } finally {
            senders.shutdownNow();
            all.forEach(RawRelayPeer::close);
        }
    }

    /** One frame of random bytes, read-only so that every sender can share it. */
    static ByteBuffer randomFrame() {
        SplittableRandom random = new SplittableRandom(7);
        ByteBuffer frame = ByteBuffer.allocate(RawRelayPeer.FRAME);
        while (frame.hasRemaining()) {
            frame.putLong(random.nextLong());
        }
        return frame.flip().asReadOnlyBuffer();
    }

    /** The first few failures, one a line, for an assertion's message. */
    static String describe(List<String> failures) {
        return failures.size() + " pairs failed:\n" + String.join("\n", failures.subList(0, Math.min(10, failures.size())));
    }

    private static long left(long deadline) {
        return Math.max(1, deadline - System.nanoTime());
    }
}
