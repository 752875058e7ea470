package org.p2pcopy.relay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.p2pcopy.relay.e2e.Clients.assertExit;
import static org.p2pcopy.relay.e2e.Clients.waitForBytes;
import static org.p2pcopy.relay.e2e.Clients.waitForOutput;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product as users run it: Payara Micro with the built relay.war, and the client jar as two
 * separate processes on each side of it.
 */
class TransferIT extends RelayAndTree {
    private static final long BIG = 200L * 1024 * 1024 + 12345;

    private static int room;

    @BeforeAll
    static void startRelayAndMakeTree() throws Exception {
        start(BIG);
    }

    /** A fresh code per test, so that tests never meet in a room. */
    private static String newCode() {
        return (++room) + "-transfer-test";
    }

    private ClientProcess send(String name, String code, String... paths) throws IOException {
        return clients().send(name, code, paths);
    }

    private ClientProcess receive(String name, String code, Path out, String... options) throws IOException {
        return clients().receive(name, code, out, options);
    }

    @Test
    void receiverFirstGetsTheWholeTreeVerified() throws Exception {
        String code = newCode();
        Path out = work.resolve("out");
        ClientProcess receiver = receive("receiver", code, out);
        ClientProcess sender = send("sender", code, source.getFileName().toString());
        assertExit(0, sender);
        assertExit(0, receiver);
        Trees.assertSameTree(source, out.resolve(source.getFileName()));
        assertTrue(sender.output().contains("the receiver verified"), sender.output());
    }

    @Test
    void senderFirstGetsTheWholeTreeVerified() throws Exception {
        String code = newCode();
        Path out = work.resolve("out");
        ClientProcess sender = send("sender", code, source.getFileName().toString());
        ClientProcess receiver = receive("receiver", code, out);
        assertExit(0, sender);
        assertExit(0, receiver);
        Trees.assertSameTree(source, out.resolve(source.getFileName()));
    }

    /**
     * A tree of text, once with the default --compress auto and once with --compress off: both
     * arrive identical, and only the compressed run reports fewer bytes on the wire.
     */
    @Test
    void aTextTreeArrivesIdenticalCompressedOrNot() throws Exception {
        Path text = textTree(source.getParent().resolve("text-tree"));
        for (boolean compress : new boolean[] {true, false}) {
            String code = newCode();
            Path out = work.resolve(compress ? "out-compressed" : "out-raw");
            ClientProcess receiver = receive("receiver-" + compress, code, out);
            ClientProcess sender = compress ? send("sender-" + compress, code, "text-tree")
                    : send("sender-" + compress, code, "text-tree", "--compress", "off");
            assertExit(0, sender);
            assertExit(0, receiver);
            Trees.assertSameTree(text, out.resolve("text-tree"));
            for (ClientProcess side : List.of(sender, receiver)) {
                assertEquals(compress, side.output().contains("on the wire"), side.output());
            }
            if (compress) {
                java.util.regex.Matcher share = java.util.regex.Pattern.compile("on the wire, (\\d+)% of the data")
                        .matcher(sender.output());
                assertTrue(share.find() && Integer.parseInt(share.group(1)) < 50, sender.output());
            }
        }
    }

    /** About 3 MiB of log-like lines in three files, made once. */
    private static Path textTree(Path root) throws IOException {
        if (Files.isDirectory(root)) {
            return root;
        }
        java.util.Random random = new java.util.Random(11);
        String[] words = {"relay", "chunk", "sealed", "frame", "digest", "receiver", "sender", "manifest", "paired"};
        for (String name : List.of("a.log", "b.log", "notes/c.txt")) {
            StringBuilder lines = new StringBuilder();
            while (lines.length() < 1_100_000) {
                lines.append(String.format("%07d %s %s %d%n", lines.length(), words[random.nextInt(words.length)],
                        words[random.nextInt(words.length)], random.nextInt(10_000)));
            }
            Path file = root.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, lines);
        }
        return root;
    }

    @Test
    void differentCodesInOneRoomFailBothWithoutWritingAnything() throws Exception {
        String code = newCode();
        Path out = work.resolve("out");
        ClientProcess receiver = receive("receiver", code + "-typo", out);
        ClientProcess sender = send("sender", code, "project files/empty.txt");
        assertExit(7, sender);
        assertExit(7, receiver);
        assertFalse(Files.exists(out), "the receiver wrote to its output folder despite a wrong code");
        assertTrue(receiver.output().contains("wrong code or tampering"), receiver.output());
        assertTrue(sender.output().contains("wrong code or tampering"), sender.output());
    }

    @Test
    void anExistingFileIsNeverReplacedWithoutOverwrite() throws Exception {
        String code = newCode();
        Path out = Files.createDirectories(work.resolve("out"));
        Files.writeString(out.resolve("empty.txt"), "precious");
        ClientProcess receiver = receive("receiver", code, out);
        ClientProcess sender = send("sender", code, "project files/empty.txt");
        assertExit(6, receiver);
        assertExit(6, sender);
        assertEquals("precious", Files.readString(out.resolve("empty.txt")));
        assertTrue(receiver.output().contains("--overwrite"), receiver.output());
    }

    @Test
    void overwriteReplacesAnExistingFile() throws Exception {
        String code = newCode();
        Path out = Files.createDirectories(work.resolve("out"));
        Files.writeString(out.resolve("leaf.txt"), "old");
        ClientProcess receiver = receive("receiver", code, out, "--overwrite");
        ClientProcess sender = send("sender", code, "project files/deep/er/est/leaf.txt");
        assertExit(0, sender);
        assertExit(0, receiver);
        assertEquals("leaf\n", Files.readString(out.resolve("leaf.txt")));
    }

    @Test
    void aSecondSenderIsToldTheRoomIsTaken() throws Exception {
        String code = newCode();
        ClientProcess first = send("first", code, "project files/empty.txt");
        waitForOutput(first, "waiting for the receiver");
        ClientProcess second = send("second", code, "project files/empty.txt");
        assertExit(3, second);
        assertTrue(second.output().contains("already using this code"), second.output());
        ClientProcess receiver = receive("receiver", code, work.resolve("out"));
        assertExit(0, first);
        assertExit(0, receiver);
    }

    /** Both sides of a transfer of the big file, caught while its data flows into {@code out}. */
    private record Midway(ClientProcess sender, ClientProcess receiver) {
    }

    /** Where the receiver keeps the big file's data until it is complete (docs/protocol.md §4.8). */
    private static final String BIG_PARTIAL = ".big data.bin.p2p-copy-part";
    private static final long MIB = 1024 * 1024;

    /** Caught once several chunks have verified, so that the receiver has something to keep. */
    private Midway bigTransferUnderWay(Path out) throws Exception {
        String code = newCode();
        ClientProcess receiver = receive("receiver", code, out);
        ClientProcess sender = send("sender", code, "project files/deep/big data.bin");
        waitForBytes(out, 8 * MIB, receiver);
        return new Midway(sender, receiver);
    }

    @Test
    void aReceiverThatDiesMidTransferStopsTheSender() throws Exception {
        Midway transfer = bigTransferUnderWay(work.resolve("out"));
        transfer.receiver().kill();
        assertExit(4, transfer.sender());
        assertTrue(transfer.sender().output().contains("left"), transfer.sender().output());
    }

    /** Only the partial file, never the final name, so that --resume can continue from it. */
    @Test
    void aSenderThatDiesMidTransferStopsTheReceiverWhichKeepsTheVerifiedPart() throws Exception {
        Path out = work.resolve("out");
        Midway transfer = bigTransferUnderWay(out);
        transfer.sender().kill();
        assertExit(4, transfer.receiver());
        assertTrue(transfer.receiver().output().contains("left"), transfer.receiver().output());
        assertEquals(List.of(BIG_PARTIAL, "/"), Trees.relativePaths(out), "not just the partial file");
        // A receiver that stops by itself keeps whole verified chunks: at least those seen before the kill.
        long kept = Files.size(out.resolve(BIG_PARTIAL));
        assertTrue(kept >= 8 * MIB && kept % MIB == 0, "the partial file holds " + kept + " bytes");
    }

    @Test
    void aDiskTooSmallIsRefusedBeforeAnyDataMoves() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(work.resolve("small"), 8)) {
            String code = newCode();
            ClientProcess receiver = receive("receiver", code, disk.path());
            ClientProcess sender = send("sender", code, "project files/deep/big data.bin");
            assertExit(6, receiver);
            assertExit(6, sender);
            assertTrue(receiver.output().contains("free"), receiver.output());
            assertEquals(List.of("/"), Trees.relativePaths(disk.path()), "the receiver wrote to a disk too small");
        }
    }

    @Test
    void aDiskThatFillsUpDuringTheTransferStopsBothAndKeepsWhatWasThere() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(work.resolve("small"), 240)) {
            Midway transfer = bigTransferUnderWay(disk.path());
            // Someone else takes the space the transfer counted on.
            Trees.writeRandom(disk.path().resolve("filler.bin"), 100L * 1024 * 1024, 7);
            assertExit(6, transfer.receiver());
            assertExit(6, transfer.sender());
            assertTrue(transfer.receiver().output().contains("disk is full"), transfer.receiver().output());
            // The filler and the verified part, kept for --resume once there is room; nothing at the final name.
            assertEquals(List.of(BIG_PARTIAL, "/", "filler.bin"), Trees.relativePaths(disk.path()));
            assertTrue(Files.size(disk.path().resolve(BIG_PARTIAL)) >= 8 * MIB, "the verified part was not kept");
        }
    }

    @Test
    void anUnreachableRelayIsOneLineAndExitCode3() throws Exception {
        int closedPort = RelayProcess.freePort();
        ClientProcess sender = new Clients("ws://127.0.0.1:" + closedPort, source.getParent(), work)
                .send("sender", newCode(), "project files");
        assertExit(3, sender);
        String output = sender.output();
        assertTrue(output.contains("cannot reach the relay"), output);
        assertFalse(output.contains("\tat "), "a stack trace was printed:\n" + output);
    }
}
