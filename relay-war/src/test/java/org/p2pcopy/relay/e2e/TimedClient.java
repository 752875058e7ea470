package org.p2pcopy.relay.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /usr/bin/time -v java -jar p2p-copy-client.jar ...}: its exit code, its report, its peak RSS and CPU. */
final class TimedClient implements AutoCloseable {
    private static final Pattern STARTED = Pattern.compile("\\d+ files? in \\d+ folders?, ");
    private static final Pattern SUMMARY = Pattern.compile("(?:sent|received) \\d+ files? \\(.*?\\) in ([0-9.]+) s, ([0-9.]+) MB/s");
    private final Process process;
    private final Path log;
    private final Path time;

    private TimedClient(Process process, Path log, Path time) {
        this.process = process;
        this.log = log;
        this.time = time;
    }

    static TimedClient start(Path workingDir, String name, String... args) throws IOException {
        List<String> java = new ArrayList<>(List.of("-jar", System.getProperty("p2pcopy.clientJar")));
        java.addAll(List.of(args));
        return java(workingDir, name, java);
    }

    /** {@code /usr/bin/time -v java JAVA_ARGS...} */
    static TimedClient java(Path workingDir, String name, List<String> javaArgs) throws IOException {
        Path logs = Files.createDirectories(workingDir);
        Path log = logs.resolve(name + ".log");
        Path time = logs.resolve(name + ".time");
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-v", "-o", time.toString(),
                RelayProcess.javaExecutable()));
        command.addAll(javaArgs);
        Process process = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return PageBench.track(new TimedClient(process, log, time));
    }

    /** Whether it printed the line a transfer starts with ("1 file in 0 folders, 1.0 GiB"). */
    boolean started() {
        try {
            return STARTED.matcher(Files.readString(log, StandardCharsets.ISO_8859_1)).find();
        } catch (IOException e) {
            return false;
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    void awaitSuccess(Duration limit) throws Exception {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new IllegalStateException(log.getFileName() + ": the client did not finish within "
                    + limit.toSeconds() + " s:\n" + Files.readString(log));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(log.getFileName() + ": the client exited " + process.exitValue()
                    + ":\n" + Files.readString(log));
        }
        PageBench.release(this);
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    Matcher summary() throws IOException {
        Matcher m = SUMMARY.matcher(Files.readString(log));
        if (!m.find()) {
            throw new IllegalStateException("no summary line in " + log);
        }
        return m;
    }

    private String timeField(String field) throws IOException {
        for (String line : Files.readAllLines(time)) {
            String trimmed = line.trim();
            if (trimmed.startsWith(field + ": ")) {
                return trimmed.substring(field.length() + 2);
            }
        }
        throw new IllegalStateException(field + " missing in " + time);
    }

    long maxRssKiB() throws IOException {
        return Long.parseLong(timeField("Maximum resident set size (kbytes)"));
    }

    double cpuSeconds() throws IOException {
        return Double.parseDouble(timeField("User time (seconds)")) + Double.parseDouble(timeField("System time (seconds)"));
    }

    /** Stops the client and its child JVM (time(1) does not pass a kill on). */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
    }
}
