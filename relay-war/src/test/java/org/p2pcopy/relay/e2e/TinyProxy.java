package org.p2pcopy.relay.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's tinyproxy, an HTTP proxy of the kind clusters and offices put between their machines
 * and the internet, started in the foreground on a free port of 127.0.0.1 with a configuration of
 * its own. Its log records every tunnel it opened.
 */
final class TinyProxy implements AutoCloseable {
    static final Path EXECUTABLE = Path.of("/usr/bin/tinyproxy");

    private final Process process;
    private final int port;
    private final Path log;

    private TinyProxy(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** @param connectPort the only port it tunnels to, or 0 for any, as a restrictive proxy would */
    static TinyProxy start(Path folder, int connectPort) throws IOException, InterruptedException {
        int port = RelayProcess.freePort();
        Path log = folder.resolve("tinyproxy.log");
        Path config = Files.writeString(folder.resolve("tinyproxy.conf"), String.join("\n",
                "Port " + port, "Listen 127.0.0.1", "Allow 127.0.0.1", "Timeout 600", "LogLevel Info",
                "LogFile \"" + log + "\"", "MaxClients 50", connectPort == 0 ? "" : "ConnectPort " + connectPort, ""));
        Process process = new ProcessBuilder(EXECUTABLE.toString(), "-d", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("tinyproxy.out").toFile()).start();
        TinyProxy proxy = new TinyProxy(process, port, log);
        proxy.awaitListening();
        return proxy;
    }

    private void awaitListening() throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("tinyproxy exited with " + process.exitValue());
                }
                Thread.sleep(100);
            }
        }
        throw new IOException("tinyproxy did not listen on port " + port);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** What it logged: which tunnels it opened or refused. */
    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
