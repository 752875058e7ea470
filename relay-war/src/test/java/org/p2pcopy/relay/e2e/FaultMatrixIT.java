package org.p2pcopy.relay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a transfer can be cut that a user meets: the sender, the receiver or the relay stopped
 * by a signal early or late in the transfer, the receiver's disk full, a source file changed before
 * the retry. Each time the survivors must stop with the documented exit code (docs/protocol.md §6)
 * and keep what verified, and the same commands again, the receiver's with {@code --resume}
 * (§4.8), must end with the source tree byte for byte, moving only what was missing.
 *
 * <p>What each scenario saw is written to {@code target/fault-matrix.md}, for docs/reliability.md.
 */
class FaultMatrixIT extends RelayAndTree {
    private static final long MIB = 1024 * 1024;
    private static final long TOTAL = 256 * MIB;
    /** The folder sent, beside nothing else in {@code shared/source}. */
    private static final String TREE = "tree";
    private static final Path TABLE = Path.of("target", "fault-matrix.md");

    private static final List<String> rows = new ArrayList<>();
    private static int room;

    enum Victim {
        SENDER, RECEIVER, RELAY;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @BeforeAll
    static void startRelayAndMakeTree() throws Exception {
        startRelay();
        source = Trees.makeMixedTree(shared.resolve("source").resolve(TREE), TOTAL);
    }

    /**
     * A scenario that failed midway may leave clients running, waiting for a peer; they are this
     * JVM's children other than the relay, each with its lean JVM.
     */
    @AfterEach
    void stopLeftoverClients() {
        long relayPid = relay == null ? -1 : relay.pid();
        ProcessHandle.current().children().filter(child -> child.pid() != relayPid).forEach(child -> {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
        });
    }

    @AfterAll
    static void writeTable() throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "| scenario | exit codes when cut | held before resume | resume exit codes | resume time (both clients' start to exit) |",
                "|---|---|---|---|---|"));
        lines.addAll(rows);
        Files.createDirectories(TABLE.getParent());
        Files.write(TABLE, lines);
    }

    /** A fresh code per scenario, so that scenarios never meet in a room; the retry uses it again. */
    private static String newCode() {
        return (++room) + "-fault-matrix";
    }

    static Stream<Arguments> cuts() {
        Stream.Builder<Arguments> cuts = Stream.builder();
        for (Victim victim : Victim.values()) {
            for (int percent : new int[] {30, 70}) {
                for (Signal signal : Signal.values()) {
                    cuts.add(Arguments.of(victim, percent, signal));
                }
            }
        }
        return cuts.build();
    }

    @ParameterizedTest(name = "SIG{2} to the {0} at {1} %")
    @MethodSource("cuts")
    void aTransferCutBySignalResumesToTheSameTree(Victim victim, int percent, Signal signal) throws Exception {
        String code = newCode();
        Path out = work.resolve("out");
        Clients clients = clients();
        ClientProcess receiver = clients.receive("receiver", code, out);
        ClientProcess sender = clients.send("sender", code, TREE);
        long arrived = TOTAL * percent / 100;
        Clients.waitForBytes(out, arrived, receiver);

        String expected;
        String seen;
        switch (victim) {
            case SENDER -> {
                sender.signal(signal);
                expected = exits(signal.exitCode, 4, null);
                seen = exits(exitCode(sender), exitCode(receiver), null);
            }
            case RECEIVER -> {
                receiver.signal(signal);
                int senderExit = exitCode(sender);
                // The relay tells the sender that its peer left (4); but a sender in the middle of a
                // write may find the connection reset before it reads that (3). Both say: run it again.
                expected = exits(senderExit == 3 ? 3 : 4, signal.exitCode, null);
                seen = exits(senderExit, exitCode(receiver), null);
            }
            default -> {
                relay.signal(signal);
                try {
                    // Both clients stop before the relay comes back: users retry a transfer that failed.
                    seen = exits(exitCode(sender), exitCode(receiver), relay.exitCode());
                } finally {
                    // Whatever this scenario saw, the next ones need a relay.
                    relay.close();
                    relay = relay.restart();
                }
                expected = exits(3, 3, signal.exitCode);
            }
        }
        String scenario = "SIG" + signal + " to the " + victim + " at " + percent + " %";
        Resume resume = resume(clients, code, out, TREE);
        rows.add(row(scenario, seen, resume));
        assertEquals(expected, seen, "exit codes when cut; the clients printed:\n" + sender.output() + "\n---\n"
                + receiver.output());
        // Files only grow until the receiver stops, and it keeps every byte that verified.
        assertTrue(resume.held >= arrived, "the receiver kept " + resume.held + " of the " + arrived
                + " bytes that had arrived");
        resume.assertCompleted(source, out.resolve(TREE));
    }

    /** The same tree sent whole, so that the table shows what a resume saves. */
    @Test
    void theWholeTreeUninterruptedForComparison() throws Exception {
        String code = newCode();
        Path out = work.resolve("out");
        long started = System.nanoTime();
        ClientProcess receiver = clients().receive("receiver", code, out);
        ClientProcess sender = clients().send("sender", code, TREE);
        String seen = exits(exitCode(sender), exitCode(receiver), null);
        rows.add(String.format(Locale.ROOT, "| the whole tree, not cut (for comparison) | %s | – | – | %.1f s |", seen,
                (System.nanoTime() - started) / 1e9));
        assertEquals(exits(0, 0, null), seen, sender.output() + "\n---\n" + receiver.output());
        Trees.assertSameTree(source, out.resolve(TREE));
    }

    @Test
    void aDiskThatFillsUpKeepsTheVerifiedPartAndResumesOnceThereIsRoomAgain() throws Exception {
        // Room for the tree and a little more, checked by the receiver before it accepts.
        try (SmallDisk disk = SmallDisk.mount(work.resolve("small"), 300)) {
            String code = newCode();
            Path out = disk.path().resolve("out");
            Clients clients = clients();
            ClientProcess receiver = clients.receive("receiver", code, out);
            ClientProcess sender = clients.send("sender", code, TREE);
            long arrived = TOTAL * 30 / 100;
            Clients.waitForBytes(out, arrived, receiver);
            // Someone else takes the space the transfer counted on.
            Path filler = disk.path().resolve("filler.bin");
            writeZeros(filler, 150 * MIB);
            String seen = exits(exitCode(sender), exitCode(receiver), null);
            assertTrue(receiver.output().contains("disk is full"), receiver.output());
            assertFalse(Trees.partialFiles(out).isEmpty(), "no partial file kept: " + Trees.relativePaths(out));

            // The user makes room again and retries; the receiver now needs room only for what is missing.
            Files.delete(filler);
            Resume resume = resume(clients, code, out, TREE);
            rows.add(row("disk full at 30 %, then room again", seen, resume));
            assertEquals(exits(6, 6, null), seen, "exit codes on a full disk; the receiver printed:\n"
                    + receiver.output());
            assertTrue(resume.held >= arrived, "the receiver kept " + resume.held + " of " + arrived + " bytes");
            resume.assertCompleted(source, out.resolve(TREE));
        }
    }

    @Test
    void aSourceFileChangedBeforeTheResumeIsSentAgainFromTheStart() throws Exception {
        // A tree of its own, since this test changes it.
        Path changing = Files.createDirectories(shared.resolve("changing").resolve("log"));
        Path file = changing.resolve("growing.log");
        Trees.writeRandom(file, 64 * MIB + 5, 64);
        Clients clients = new Clients(relay.wsBase(), changing.getParent(), work);
        String code = newCode();
        Path out = work.resolve("out");
        ClientProcess receiver = clients.receive("receiver", code, out);
        ClientProcess sender = clients.send("sender", code, "log");
        Clients.waitForBytes(out, 32 * MIB, receiver);
        sender.signal(Signal.KILL);
        String seen = exits(exitCode(sender), exitCode(receiver), null);

        // Its start is rewritten in place, size unchanged: only the receiver's chain can tell.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap("rewritten\n".repeat(1000).getBytes()));
        }
        Resume resume = resume(clients, code, out, "log");
        rows.add(row("source file changed after SIGKILL to the sender at 50 %", seen, resume, Files.size(file)));
        assertEquals(exits(Signal.KILL.exitCode, 4, null), seen);
        assertTrue(resume.held >= 32 * MIB, "the receiver kept " + resume.held + " bytes");
        assertEquals(List.of(), Trees.partialFiles(out), "a partial file remained");
        Trees.assertSameTree(changing, out.resolve("log"));
        assertTrue(resume.sender.output().contains("warning: log/growing.log is not what the receiver kept of it "
                + "(one of them changed since the interrupted transfer): sending it again from the start"),
                "the sender did not tell that the file changed:\n" + resume.sender.output());
    }

    /** The retry, timed from the receiver's start to both exits, and what the receiver held before it. */
    private record Resume(long held, int partials, ClientProcess sender, int senderExit, ClientProcess receiver,
            int receiverExit, double seconds) {
        /** The sender's account of a resume (ConsoleReporter): what it did not send again, and what it did. */
        private static final Pattern RESUMED = Pattern.compile(
                "resumed: ([0-9.]+) MiB were there already .*, (\\d+) sent again");

        /** Both succeeded and the output folder holds exactly the tree, having moved only what was missing. */
        void assertCompleted(Path expected, Path received) throws Exception {
            String outputs = "the resuming receiver printed:\n" + receiver.output() + "\n---\nthe sender:\n"
                    + sender.output();
            assertEquals(0, receiverExit, outputs);
            assertEquals(0, senderExit, outputs);
            Path out = received.getParent();
            try (Stream<Path> top = Files.list(out)) {
                assertEquals(List.of(received), top.toList(), "something beside the tree in the output folder");
            }
            assertEquals(List.of(), Trees.partialFiles(out), "a partial file remained");
            Trees.assertSameTree(expected, received);
            for (ClientProcess side : List.of(sender, receiver)) {
                assertTrue(side.output().contains("resumed:"), side + " did not tell what it resumed:\n"
                        + side.output());
            }
            // Only the rest moved: all that was held counts, less a chunk per partial file that a
            // killed receiver may have written only in part (§4.8 drops it), and nothing is sent twice.
            Matcher resumed = RESUMED.matcher(sender.output());
            assertTrue(resumed.find(), sender.output());
            double keptMib = Double.parseDouble(resumed.group(1));
            assertTrue(keptMib * MIB >= held - partials * MIB - MIB / 10, "kept " + keptMib + " MiB of "
                    + held + " bytes held in " + partials + " partial files:\n" + sender.output());
            assertEquals("0", resumed.group(2), sender.output());
        }
    }

    private Resume resume(Clients clients, String code, Path out, String tree) throws Exception {
        long held = Trees.bytesUnder(out);
        int partials = Trees.partialFiles(out).size();
        long started = System.nanoTime();
        ClientProcess receiver = clients.receive("receiver-resume", code, out, "--resume");
        ClientProcess sender = clients.send("sender-resume", code, tree);
        // Killed rather than failed here when they hang, so that the table and the failure show both outputs.
        int receiverExit = receiver.exitCodeOrKill(Clients.TIMEOUT_SECONDS);
        int senderExit = sender.exitCodeOrKill(receiverExit == 0 ? Clients.TIMEOUT_SECONDS : 15);
        return new Resume(held, partials, sender, senderExit, receiver, receiverExit, (System.nanoTime() - started) / 1e9);
    }

    private static int exitCode(ClientProcess client) throws Exception {
        return client.exitCode(Clients.TIMEOUT_SECONDS);
    }

    private static String exits(int sender, int receiver, Integer relay) {
        return "sender " + sender + ", receiver " + receiver + (relay == null ? "" : ", relay " + relay);
    }

    private static String row(String scenario, String seen, Resume resume) {
        return row(scenario, seen, resume, TOTAL);
    }

    private static String row(String scenario, String seen, Resume resume, long total) {
        return String.format(Locale.ROOT, "| %s | %s | %.1f MiB (%d %%) | %s | %.1f s |", scenario, seen,
                resume.held / (double) MIB, resume.held * 100 / total,
                exits(resume.senderExit, resume.receiverExit, null), resume.seconds);
    }

    /** Allocated for real (a sparse file would take no room on the tmpfs). */
    private static void writeZeros(Path file, long bytes) throws IOException {
        byte[] block = new byte[(int) MIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }
}
