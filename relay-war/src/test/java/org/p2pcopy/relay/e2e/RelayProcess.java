package org.p2pcopy.relay.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged relay.war in Payara Micro, started as a user starts it, on a free port of 127.0.0.1
 * only. Its output goes to a log file that a failing test can show.
 */
final class RelayProcess implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final Process process;
    private final Command command;
    private final int port;
    /** How many relays this one's {@link #restart}s have started in its work folder, itself included. */
    private final int run;
    private final Path log;

    private RelayProcess(Process process, Command command, int port, int run, Path log) {
        this.process = process;
        this.command = command;
        this.port = port;
        this.run = run;
        this.log = log;
    }

    static RelayProcess start(Path workDir) throws IOException, InterruptedException {
        return start(workDir, List.of(), List.of());
    }

    /**
     * @param jvmOptions before {@code -jar}, such as system properties
     * @param microOptions after Payara Micro's usual options, such as {@code --sslport}
     */
    static RelayProcess start(Path workDir, List<String> jvmOptions, List<String> microOptions)
            throws IOException, InterruptedException {
        return start(new Command(workDir, jvmOptions, microOptions), freePort(), 1);
    }

    /**
     * The relay as its operator starts it again after it stopped: the same command, so the same
     * port, which the clients' users still have in their commands. A stopped relay must be
     * {@link #close closed} (or have exited) first.
     */
    RelayProcess restart() throws IOException, InterruptedException {
        if (process.isAlive()) {
            throw new IllegalStateException("the relay on port " + port + " still runs");
        }
        return start(command, port, run + 1);
    }

    /** What a relay was started with, for its restart. */
    private record Command(Path workDir, List<String> jvmOptions, List<String> microOptions) {
    }

    private static RelayProcess start(Command how, int port, int run) throws IOException, InterruptedException {
        Path log = how.workDir().resolve("relay.log");
        // A runtime folder of its own each run, as Payara Micro makes one without --rootdir: one used
        // before also deploys the WAR its domain.xml remembers, and the relay then answers 404.
        Path rootDir = how.workDir().resolve(run == 1 ? "payara" : "payara-" + run);
        Path loopbackOnly = Path.of(System.getProperty("p2pcopy.loopbackCommands", "src/test/resources/loopback.asadmin"));
        // The README's heap first, so that a caller's -Xmx, later on the line, wins.
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m"));
        command.addAll(how.jvmOptions());
        command.addAll(List.of("-jar", System.getProperty("payara.microJar"),
                "--deploy", System.getProperty("p2pcopy.relayWar"), "--contextroot", "/", "--port", String.valueOf(port),
                "--nohazelcast", "--disablephonehome", "--prebootcommandfile", loopbackOnly.toAbsolutePath().toString(),
                "--rootdir", rootDir.toString()));
        command.addAll(how.microOptions());
        // Appended to, so that a restarted relay's log still shows how the one before it ended.
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        RelayProcess relay = new RelayProcess(process, how, port, run, log);
        relay.awaitPage();
        return relay;
    }

    private void awaitPage() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(httpBase() + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still booting.
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("the relay did not serve its page within " + STARTUP.toSeconds() + " s:\n"
                + Files.readString(log));
    }

    String httpBase() {
        return "http://127.0.0.1:" + port;
    }

    String wsBase() {
        return "ws://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    void signal(Signal signal) {
        signal.sendTo(process);
    }

    /** The exit code once the relay has stopped; failing the test if it runs on for a minute. */
    int exitCode() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the relay on port " + port + " did not stop within 60 s");
        }
        return process.exitValue();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
