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
    private final int port;
    private final Path log;

    private RelayProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
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
        int port = freePort();
        Path log = workDir.resolve("relay.log");
        Path loopbackOnly = Path.of(System.getProperty("p2pcopy.loopbackCommands", "src/test/resources/loopback.asadmin"));
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Xmx256m", "-jar", System.getProperty("payara.microJar"),
                "--deploy", System.getProperty("p2pcopy.relayWar"), "--contextroot", "/", "--port", String.valueOf(port),
                "--nohazelcast", "--disablephonehome", "--prebootcommandfile", loopbackOnly.toAbsolutePath().toString(),
                "--rootdir", workDir.resolve("payara").toString()));
        command.addAll(microOptions);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RelayProcess relay = new RelayProcess(process, port, log);
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
