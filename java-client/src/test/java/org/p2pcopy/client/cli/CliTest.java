package org.p2pcopy.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's exit codes and messages (docs/protocol.md §6), without a relay. */
class CliTest {
    private static final String CODE = "7-test-code";

    @TempDir
    Path temp;

    /** One run of the command line: its exit code and what it printed. */
    private record Run(int exitCode, String out, String err) {
        /** A failure is told in one line, without a stack trace (with --quiet, nothing else is printed). */
        void assertOneLineError() {
            assertEquals(1, err.lines().count(), "error output: " + err);
            assertFalse(err.contains("at org."), "a stack trace: " + err);
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false).execute(args);
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheCommands() {
        Run run = run("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("send") && run.out().contains("receive"), run.out());
    }

    @Test
    void eachCommandHasHelp() {
        for (String command : new String[] {"send", "receive"}) {
            Run run = run(command, "--help");
            assertEquals(0, run.exitCode(), command);
            assertTrue(run.out().contains("usage: " + Cli.INVOCATION + " " + command), run.out());
        }
    }

    @Test
    void noArgumentsIsAUsageError() {
        assertEquals(2, run().exitCode());
    }

    @Test
    void anUnknownCommandPointsToTheHelp() {
        Run run = run("teleport");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Try"), run.err());
    }

    @Test
    void sendWithoutPathsIsAUsageError() {
        Run run = run("send", "ws://127.0.0.1:9");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Try"), run.err());
    }

    @Test
    void badRelayOptionsAreUsageErrorsOfBothCommands() throws IOException {
        String file = Files.writeString(temp.resolve("a.txt"), "hello").toString();
        String relay = "ws://127.0.0.1:" + closedPort();
        for (String[] args : new String[][] {
            {"send", relay, file, "--proxy", "socks5://proxy:1080"},
            {"receive", relay, CODE, "--proxy", "http://user:secret@proxy:3128"},
            {"receive", relay, CODE, "--proxy", "socks5://user:secret@proxy:1080"},
            {"send", relay, file, "--cacert", file, "--insecure"},
            {"receive", relay, CODE, "--cacert", temp.resolve("missing.pem").toString()},
        }) {
            Run run = run(args);
            assertEquals(2, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertFalse(run.err().contains("secret"), "the proxy password was echoed: " + run.err());
        }
    }

    @Test
    void insecureWarnsThatTheRelayIsNotChecked() throws IOException {
        Run run = run("receive", "ws://127.0.0.1:" + closedPort(), CODE, "--out", temp.toString(), "--insecure");

        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().contains("warning: --insecure"), run.err());
    }

    @Test
    void contradictoryOrOutOfRangeSendOptionsAreUsageErrors() throws IOException {
        String file = Files.writeString(temp.resolve("a.txt"), "hello").toString();
        String relay = "ws://127.0.0.1:" + closedPort();
        for (String[] args : new String[][] {
            {"send", relay, file, "--encrypt", "--no-encrypt"},
            {"send", relay, file, "--code", CODE, "--words", "3"},
            {"send", relay, file, "--words", "1"},
            {"send", relay, file, "--words", "9"},
            {"send", relay, file, "--words", "two"},
            {"send", relay, file, "--compress", "maybe"},
            {"send", relay, file, "--compress", "ON"},
        }) {
            Run run = run(args);
            assertEquals(2, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.err().contains("Try"), run.err());
        }
    }

    @Test
    void sendHelpShowsTheNewCodeAndItsStrength() {
        Run run = run("send", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("--code"), run.out());
        assertTrue(run.out().contains("--no-encrypt"), run.out());
        assertTrue(run.out().contains("22 bits"), run.out());
        assertTrue(run.out().contains("--compress <WHEN>"), run.out());
    }

    @Test
    void aBadCompressValueSaysWhatIsAllowed() throws IOException {
        String file = Files.writeString(temp.resolve("a.txt"), "hello").toString();
        Run run = run("send", "ws://127.0.0.1:" + closedPort(), file, "--compress", "max");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--compress takes auto, on or off, not 'max'"), run.err());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Run run = run("receive", "--bogus", "ws://127.0.0.1:9", CODE);
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Try"), run.err());
    }

    @Test
    void aRelayThatIsNotListeningIsARelayError() throws IOException {
        String relay = "ws://127.0.0.1:" + closedPort();
        Path out = temp.resolve("out");

        // --quiet leaves only the error on stderr.
        Run quiet = run("receive", "--quiet", relay, CODE, "--out", out.toString());
        assertEquals(3, quiet.exitCode(), quiet.err());
        quiet.assertOneLineError();

        // Without it the steps come first, and the error is still one line.
        Run chatty = run("receive", relay, CODE, "--out", out.toString());
        assertEquals(3, chatty.exitCode(), chatty.err());
        assertEquals(1, chatty.err().lines().filter(line -> line.startsWith(Cli.PROGRAM + ":")).count(),
                chatty.err());
        assertFalse(chatty.err().contains("at org."), chatty.err());
        assertFalse(Files.exists(out), "the output folder was created without a transfer");
    }

    @Test
    void aMissingFileToSendIsALocalFileError() {
        Run run = run("send", "--quiet", "ws://127.0.0.1:9", "--code", CODE, temp.resolve("missing.txt").toString());
        assertEquals(6, run.exitCode(), run.err());
        run.assertOneLineError();
    }

    @Test
    void aBadRelayAddressIsAUsageError() throws IOException {
        Path file = Files.writeString(temp.resolve("a.txt"), "hello");
        assertEquals(2, run("send", "--quiet", "ftp://relay.example.org", file.toString()).exitCode());
    }

    /** A port that nothing listens on: one the system just handed out and that is closed again. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
