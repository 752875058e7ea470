package org.p2pcopy.relay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Starts client processes against one relay address, and waits on them, for the end-to-end tests. */
final class Clients {
    static final int TIMEOUT_SECONDS = 180;

    private final String relay;
    private final Path sendFrom;
    private final Path work;

    /**
     * @param relay the relay's address as a user types it
     * @param sendFrom the senders' working folder: paths to send are relative to it
     * @param work the receivers' working folder, and where every client's output is kept
     */
    Clients(String relay, Path sendFrom, Path work) {
        this.relay = relay;
        this.sendFrom = sendFrom;
        this.work = work;
    }

    /** {@code send RELAY ARGS... [--code CODE]}; a null code lets the sender make one. */
    ClientProcess send(String name, String code, String... pathsAndOptions) throws IOException {
        Stream<String> codeOption = code == null ? Stream.empty() : Stream.of("--code", code);
        String[] args = Stream.of(Stream.of("send", relay), Stream.of(pathsAndOptions), codeOption)
                .flatMap(s -> s).toArray(String[]::new);
        return ClientProcess.start(sendFrom, work, name, args);
    }

    ClientProcess receive(String name, String code, Path out, String... options) throws IOException {
        String[] args = Stream.concat(Stream.of("receive", relay, code, "--out", out.toString()),
                Stream.of(options)).toArray(String[]::new);
        return ClientProcess.start(work, work, name, args);
    }

    static void assertExit(int expected, ClientProcess client) throws Exception {
        int actual = client.exitCode(TIMEOUT_SECONDS);
        assertEquals(expected, actual, client + " exited " + actual + ", printed:\n" + client.output());
    }

    static void waitForOutput(ClientProcess client, String text) throws Exception {
        eventually(() -> client.output().contains(text), () -> client + " never printed \"" + text + "\"");
    }

    /**
     * Waits until the files under {@code folder}, partial ones included, hold {@code bytes}: how a
     * test catches a transfer at a point of its own choosing. Polled every 20 ms, about 2 MiB of a
     * fast transfer on loopback; fails at once if the receiver stopped before.
     */
    static void waitForBytes(Path folder, long bytes, ClientProcess receiver) throws Exception {
        eventually(() -> {
            if (Trees.bytesUnder(folder) >= bytes) {
                return true;
            }
            if (!receiver.isAlive()) {
                throw new AssertionError(receiver + " stopped with " + Trees.bytesUnder(folder) + " of " + bytes
                        + " bytes in " + folder + "; it printed:\n" + receiver.output());
            }
            return false;
        }, () -> "fewer than " + bytes + " bytes arrived in " + folder);
    }

    interface Check {
        boolean holds() throws IOException;
    }

    /** Polls a condition that another process makes true, for at most a minute. */
    static void eventually(Check check, Supplier<String> failure) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get());
            }
            Thread.sleep(20);
        }
    }
}
