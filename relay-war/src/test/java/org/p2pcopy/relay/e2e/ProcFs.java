package org.p2pcopy.relay.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

final class ProcFs {
    static final double TICKS = clockTicks();

    /** From /proc/stat: {busy, steal, iowait} in ticks, summed over the CPUs. */
    static long[] machineTicks() {
        String[] f = read(Path.of("/proc/stat")).orElse("cpu 0 0 0 0 0 0 0 0").split("\n")[0].trim().split("\\s+");
        long user = Long.parseLong(f[1]);
        long nice = Long.parseLong(f[2]);
        long system = Long.parseLong(f[3]);
        long iowait = Long.parseLong(f[5]);
        long irq = Long.parseLong(f[6]);
        long softirq = Long.parseLong(f[7]);
        long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
        return new long[] {user + nice + system + irq + softirq, steal, iowait};
    }

    private static double clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor();
            return Double.parseDouble(out);
        } catch (Exception e) {
            return 100;
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    /** A field of /proc/PID/status in KiB (0 when the process is gone). */
    static long statusKiB(long pid, String field) {
        return read(Path.of("/proc", String.valueOf(pid), "status")).map(s -> kib(s, field + ":")).orElse(0L);
    }

    /** How many threads the process has (0 when it is gone). */
    static long threads(long pid) {
        return read(Path.of("/proc", String.valueOf(pid), "status")).map(s -> kib(s, "Threads:")).orElse(0L);
    }

    static long pssKiB(long pid) {
        return read(Path.of("/proc", String.valueOf(pid), "smaps_rollup")).map(s -> kib(s, "Pss:")).orElse(0L);
    }

    private static long kib(String text, String field) {
        for (String line : text.split("\n")) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    /** utime + stime of a /proc/PID/stat or /proc/PID/task/TID/stat, in seconds. */
    static double cpuSeconds(Path stat) {
        return read(stat).map(s -> {
            String[] fields = s.substring(s.lastIndexOf(')') + 2).trim().split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
        }).orElse(0.0);
    }

    /** Each thread's CPU seconds, keyed "pid/tid kind:thread-name". */
    static Map<String, Double> threadCpu(long pid, String kind) {
        Map<String, Double> threads = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String name = read(task.resolve("comm")).map(String::trim).orElse("?");
                threads.put(pid + "/" + task.getFileName() + " " + kind + "[" + pid + "]:" + name,
                        cpuSeconds(task.resolve("stat")));
            }
        } catch (IOException | RuntimeException gone) {
            // The process ended.
        }
        return threads;
    }

    /** renderer, network (the network service, which holds the WebSocket), gpu, browser (the main process) or other. */
    static String kind(long pid) {
        String cmdline = read(Path.of("/proc", String.valueOf(pid), "cmdline")).orElse("").replace('\0', ' ');
        if (cmdline.contains("--type=renderer")) {
            return "renderer";
        }
        if (cmdline.contains("--utility-sub-type=network.mojom.NetworkService")) {
            return "network";
        }
        if (cmdline.contains("--type=gpu-process")) {
            return "gpu";
        }
        String program = cmdline.split(" ", 2)[0];
        if (!cmdline.contains("--type=") && (program.endsWith("/chromium") || program.endsWith("/chrome"))) {
            return "browser";
        }
        return "other";
    }
}
