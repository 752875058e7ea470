package org.p2pcopy.relay.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** The browser's processes: everything below the chromedriver processes this JVM started. */
final class ProcessSampler implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;
    private long peakRss;
    private long peakPss;
    private final Map<Long, String> kinds = new HashMap<>();
    /** Every process's CPU seconds when last seen: the client's count until it exits. */
    private final Map<Long, Double> lastCpu = new HashMap<>();
    private volatile RelayProcess relay;
    private volatile TimedClient client;

    private ProcessSampler() {
        thread = new Thread(this::loop, "page-bench-sampler");
        thread.setDaemon(true);
    }

    static ProcessSampler start() {
        ProcessSampler sampler = new ProcessSampler();
        sampler.thread.start();
        return sampler;
    }

    static List<ProcessHandle> browserProcesses() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.endsWith("chromedriver")).orElse(false))
                .flatMap(ProcessHandle::descendants).toList();
    }

    /** Counts the relay's and this client's CPU too (kinds "relay" and "client"). */
    void watch(RelayProcess relay, TimedClient client) {
        this.relay = relay;
        this.client = client;
    }

    private void loop() {
        // Kept light, since it shares the machine: RSS every 200 ms, PSS (which walks the page tables)
        // every second, the CPU of every process without its threads.
        for (long round = 0; running; round++) {
            List<ProcessHandle> browser = browserProcesses();
            cpuNow(browser, false);
            long rss = 0;
            long pss = 0;
            for (ProcessHandle p : browser) {
                rss += ProcFs.statusKiB(p.pid(), "VmRSS");
                if (round % 5 == 0) {
                    pss += ProcFs.pssKiB(p.pid());
                }
            }
            synchronized (this) {
                peakRss = Math.max(peakRss, rss);
                peakPss = Math.max(peakPss, pss);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    synchronized long peakRssKiB() {
        return peakRss;
    }

    synchronized long peakPssKiB() {
        return peakPss;
    }

    synchronized String kind(long pid) {
        return kinds.computeIfAbsent(pid, ProcFs::kind);
    }

    /** Reads the CPU seconds of every process watched, and returns the threads of the browser's. */
    private synchronized Map<String, Double> cpuNow(List<ProcessHandle> browser, boolean withThreads) {
        Map<String, Double> threads = new LinkedHashMap<>();
        for (ProcessHandle p : browser) {
            long pid = p.pid();
            double seconds = ProcFs.cpuSeconds(Path.of("/proc", String.valueOf(pid), "stat"));
            if (seconds > 0) {
                lastCpu.put(pid, seconds);
                if (withThreads) {
                    threads.putAll(ProcFs.threadCpu(pid, kind(pid)));
                }
            }
        }
        List<ProcessHandle> others = new ArrayList<>();
        // The driver: this JVM (Selenium, this sampler) and chromedriver.
        Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.endsWith("chromedriver")).orElse(false))).forEach(p -> {
                    kinds.put(p.pid(), "driver");
                    others.add(p);
                });
        if (relay != null) {
            kinds.put(relay.pid(), "relay");
            others.add(ProcessHandle.of(relay.pid()).orElse(null));
        }
        if (client != null) {
            ProcessHandle root = client.handle();
            Stream.concat(Stream.of(root), root.descendants()).forEach(p -> {
                kinds.put(p.pid(), "client");
                others.add(p);
            });
        }
        for (ProcessHandle p : others) {
            if (p != null) {
                double seconds = ProcFs.cpuSeconds(Path.of("/proc", String.valueOf(p.pid()), "stat"));
                if (seconds > 0) {
                    lastCpu.put(p.pid(), seconds);
                }
            }
        }
        return threads;
    }

    /** CPU seconds of every process seen so far (as last seen, for those that ended) and of the browser's threads. */
    synchronized Snapshot snapshot() {
        Map<String, Double> threads = cpuNow(browserProcesses(), true);
        Map<Long, String> kindOf = new HashMap<>();
        lastCpu.keySet().forEach(pid -> kindOf.put(pid, kind(pid)));
        return new Snapshot(System.nanoTime(), new HashMap<>(lastCpu), kindOf, threads, ProcFs.machineTicks());
    }

    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}

record Snapshot(long nanos, Map<Long, Double> cpu, Map<Long, String> kinds, Map<String, Double> threads,
        long[] machine) {
    double seconds(Snapshot before) {
        return (nanos - before.nanos) / 1e9;
    }

    /** The whole machine's cores busy (anything but idle, iowait and steal), stolen and waiting on I/O. */
    double[] machineSince(Snapshot before) {
        double seconds = seconds(before) * ProcFs.TICKS;
        double[] d = new double[machine.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (machine[i] - before.machine[i]) / seconds;
        }
        return d;
    }

    /** CPU seconds since an earlier snapshot, by kind of process (processes started since count whole). */
    Map<String, Double> cpuByKindSince(Snapshot before) {
        Map<String, Double> byKind = new LinkedHashMap<>();
        cpu.forEach((pid, s) -> byKind.merge(kinds.get(pid), s - before.cpu.getOrDefault(pid, 0.0), Double::sum));
        return byKind;
    }

    List<String> busiestThreadsSince(Snapshot before, int n) {
        return threads.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.threads.getOrDefault(e.getKey(), 0.0)))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(n)
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey().replaceFirst("^\\d+/\\d+ ", ""), e.getValue()))
                .toList();
    }
}
