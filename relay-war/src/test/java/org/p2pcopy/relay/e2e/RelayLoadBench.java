package org.p2pcopy.relay.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What forwarding costs the relay: one pair alone and many pairs at once, each against a relay
 * process of its own, with raw WebSocket pairs (1 MiB frames as fast as the relay takes them: only
 * the relay's work) and with the client library (encrypted, as users run it). Driven by
 * {@code relay-war/bench/relay-load.sh}; {@code mvn verify} never runs it.
 *
 * <p>Arguments: WORK_DIR MODES ONE_PAIR_MIB PAIRS EACH_MIB, e.g. {@code /tmp/x raw,client 256 50 64}.
 */
public final class RelayLoadBench {
    private static final Duration LIMIT = Duration.ofMinutes(30);

    private RelayLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: RelayLoadBench WORK_DIR MODES ONE_PAIR_MIB PAIRS EACH_MIB");
            System.exit(2);
        }
        Path work = Path.of(args[0]);
        List<String> modes = List.of(args[1].split(","));
        long onePair = Long.parseLong(args[2]) * RelayLoad.MIB;
        int pairs = Integer.parseInt(args[3]);
        long each = Long.parseLong(args[4]) * RelayLoad.MIB;
        List<RelayLoad.Measured> rows = new ArrayList<>();
        int run = 0;
        for (String mode : modes) {
            if (!mode.equals("raw") && !mode.equals("client")) {
                throw new IllegalArgumentException("a mode is raw or client, not " + mode);
            }
            for (long[] scenario : new long[][] {{1, onePair}, {pairs, each}}) {
                Path dir = Files.createDirectories(work.resolve("run-" + (++run)));
                RelayLoad.Measured measured = run(dir, mode, (int) scenario[0], scenario[1]);
                System.err.println("done: " + measured.row());
                rows.add(measured);
            }
        }
        System.out.println();
        System.out.println(RelayLoad.Measured.header());
        rows.forEach(row -> System.out.println(row.row()));
        System.out.println();
        System.out.println("MB/s: the payload of every pair (10^6 bytes) over the wall time from the first connection to"
                + " the last verified copy. Each row against a fresh relay (Payara Micro, -Xmx256m) on 127.0.0.1;"
                + " peak RSS: VmRSS sampled every 200 ms; VmHWM: the relay's own high-water mark, start-up included;"
                + " CPU: the relay's utime+stime over the run, per GiB of payload. raw: JDK WebSocket pairs pushing"
                + " 1 MiB frames, no protocol; client: the client library, encrypted, each receiver writing to disk"
                + " and each copy compared. The senders and receivers share the machine with the relay.");
    }

    private static RelayLoad.Measured run(Path dir, String mode, int pairs, long bytesEach) throws Exception {
        Path source = null;
        if (mode.equals("client")) {
            source = dir.resolve("payload.bin");
            Trees.writeRandom(source, bytesEach, 31);
        }
        List<String> jvmOptions = new java.util.ArrayList<>(RelayLoad.NO_LIMITS);
        String extra = System.getenv("P2PCOPY_BENCH_RELAY_JVM");
        if (extra != null && !extra.isBlank()) {
            jvmOptions.addAll(List.of(extra.trim().split("\\s+")));
        }
        try (RelayProcess relay = RelayProcess.start(Files.createDirectories(dir.resolve("relay")), jvmOptions,
                List.of())) {
            Path file = source;
            RelayLoad.Measured measured = RelayLoad.measure(relay, mode, pairs, bytesEach, () -> file == null
                    ? RelayLoad.rawPairs(relay.wsBase(), pairs, bytesEach, "bench", LIMIT)
                    : RelayLoad.clientPairs(relay.httpBase(), file, pairs, Files.createDirectories(dir.resolve("out")),
                            "bench", LIMIT));
            if (!measured.failures().isEmpty()) {
                System.err.println(RelayLoad.describe(measured.failures()));
                System.err.println("the relay's log: " + dir.resolve("relay").resolve("relay.log"));
            }
            return measured;
        }
    }
}
