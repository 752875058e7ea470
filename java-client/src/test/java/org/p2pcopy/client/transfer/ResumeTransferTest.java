package org.p2pcopy.client.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.Resumption;
import org.p2pcopy.client.TransferListener;
import org.p2pcopy.client.compression.CompressionMode;
import org.p2pcopy.client.pairing.Code;
import org.p2pcopy.client.protocol.ChunkFrame;
import org.p2pcopy.client.transport.Incoming;

/**
 * A real sender and receiver resuming what an earlier transfer left in the output folder
 * (docs/protocol.md §4.8): complete files skipped, partial ones continued, changed ones sent again,
 * and the result verified and identical to the source.
 */
class ResumeTransferTest {
    private static final String CODE = "7-crayon-orbit";
    private static final int MIB = ChunkFrame.MAX_PAYLOAD_BYTES;

    @TempDir
    Path temp;

    /** A cut link (the relay gone) stops both sides; the same transfer resumed completes it. */
    @Test
    void aTransferCutMidwayIsCompletedByResumingIt() throws Exception {
        Path source = tree();
        Path out = temp.resolve("out");
        AtomicInteger chunks = new AtomicInteger();
        Link cut = new Link().toReceiver(frame -> frame instanceof Incoming.Binary && chunks.incrementAndGet() > 6
                ? new Incoming.Closed(1006, "the relay went away") : frame);

        Peers.Outcome first = transfer(cut, source, out, false, false);

        assertEquals(Failure.RELAY, first.receiver(), first.receiverMessage());
        assertTrue(first.receiverMessage().contains("receive again with --resume"), first.receiverMessage());
        assertTrue(Files.size(out.resolve("src/.a.bin.p2p-copy-part")) > 0, "the verified part was not kept");

        Link link = new Link();
        Peers.Outcome resumed = transfer(link, source, out, true, false);

        assertNull(resumed.sender(), resumed.senderMessage());
        assertNull(resumed.receiver(), resumed.receiverMessage());
        assertEquals(Frames.snapshot(source), Frames.snapshot(out.resolve("src")));
        Resumption kept = resumed.receiverSummary().resumption();
        assertEquals(kept.bytes(), resumed.senderSummary().resumption().bytes());
        assertTrue(kept.bytes() >= 2L * MIB, "kept " + kept);
        assertTrue(binaryBytes(link) < totalBytes(source) - kept.bytes() + MIB, "moved again what was kept");
    }

    /** Each kind of holding at once: complete, partial, partial of a file that changed, nothing. */
    @Test
    void completeFilesAreSkippedPartialOnesContinuedAndChangedOnesSentAgain() throws Exception {
        Path source = tree();
        Path out = Files.createDirectories(temp.resolve("out/src"));
        byte[] a = Files.readAllBytes(source.resolve("a.bin"));
        Files.write(out.resolve(".a.bin.p2p-copy-part"), Arrays.copyOf(a, 2 * MIB + 300_000));
        Files.copy(source.resolve("b.bin"), out.resolve("b.bin"));
        Files.write(out.resolve(".d.bin.p2p-copy-part"), random(MIB, 99));
        Files.createFile(out.resolve("empty.txt"));

        Peers.Outcome outcome = transfer(new Link(), source, temp.resolve("out"), true, false);

        assertNull(outcome.sender(), outcome.senderMessage());
        assertNull(outcome.receiver(), outcome.receiverMessage());
        assertEquals(Frames.snapshot(source), Frames.snapshot(out), "partial files left or content wrong");
        Resumption expected = new Resumption(2L * MIB + 2L * MIB, 2, 1, 1, null);
        for (Resumption side : List.of(outcome.senderSummary().resumption(), outcome.receiverSummary().resumption())) {
            assertEquals(List.of(expected.bytes(), expected.complete(), expected.continued(), expected.restarted()),
                    List.of(side.bytes(), side.complete(), side.continued(), side.restarted()));
        }
    }

    /** Without --resume the data of an interrupted transfer is neither used nor thrown away. */
    @Test
    void partialDataIsRefusedWithoutResumeAndLeftAsItIs() throws Exception {
        Path source = tree();
        Path out = Files.createDirectories(temp.resolve("out/src"));
        Files.write(out.resolve(".a.bin.p2p-copy-part"), random(MIB, 1));
        Map<String, String> before = Frames.snapshot(out);

        Peers.Outcome outcome = transfer(new Link(), source, temp.resolve("out"), false, false);

        assertEquals(Failure.LOCAL_FILE, outcome.receiver(), outcome.receiverMessage());
        assertTrue(outcome.receiverMessage().contains("--resume"), outcome.receiverMessage());
        assertEquals(Failure.LOCAL_FILE, outcome.sender(), outcome.senderMessage());
        assertEquals(before, Frames.snapshot(out));
    }

    /** A complete file of the same size but other bytes is not replaced unless the user allows it. */
    @Test
    void aDifferentFileOfTheSameSizeIsReplacedOnlyWithOverwrite() throws Exception {
        Path source = tree();
        Path out = Files.createDirectories(temp.resolve("out/src"));
        Files.write(out.resolve("b.bin"), random(2 * MIB, 7));

        Peers.Outcome refused = transfer(new Link(), source, temp.resolve("out"), true, false);

        assertEquals(Failure.LOCAL_FILE, refused.receiver(), refused.receiverMessage());
        assertTrue(refused.receiverMessage().contains("--overwrite"), refused.receiverMessage());
        assertTrue(Arrays.equals(random(2 * MIB, 7), Files.readAllBytes(out.resolve("b.bin"))));

        Peers.Outcome replaced = transfer(new Link(), source, temp.resolve("out"), true, true);

        assertNull(replaced.receiver(), replaced.receiverMessage());
        assertEquals(Frames.snapshot(source), Frames.snapshot(out));
        assertEquals(1, replaced.senderSummary().resumption().restarted());
    }

    /**
     * The partial name is fixed, so someone with write access to the folder could put a hard link to
     * another file there, even one that starts like the sender's file: it is neither continued nor
     * truncated.
     */
    @Test
    void aHardLinkAtThePartialNameIsNeverWrittenThrough() throws Exception {
        Path source = tree();
        Path out = Files.createDirectories(temp.resolve("out/src"));
        Path victim = temp.resolve("victim.bin");
        byte[] prefix = Arrays.copyOf(Files.readAllBytes(source.resolve("a.bin")), MIB);
        Files.write(victim, prefix);
        Files.createLink(out.resolve(".a.bin.p2p-copy-part"), victim);

        Peers.Outcome outcome = transfer(new Link(), source, temp.resolve("out"), true, false);

        assertNull(outcome.receiver(), outcome.receiverMessage());
        assertEquals(Frames.snapshot(source), Frames.snapshot(out));
        assertTrue(Arrays.equals(prefix, Files.readAllBytes(victim)), "the linked file was changed");
        assertEquals(0, outcome.senderSummary().resumption().bytes());
    }

    private static Peers.Outcome transfer(Link link, Path source, Path out, boolean resume, boolean overwrite)
            throws Exception {
        return Peers.run(link,
                () -> new Sender(link.sender, Code.parse(CODE), SourceTree.scan(List.of(source), TransferListener.SILENT),
                        true, CompressionMode.AUTO, TransferListener.SILENT).run(),
                () -> new Receiver(link.receiver, Code.parse(CODE), OutputTree.open(out, overwrite, resume),
                        TransferListener.SILENT).run());
    }

    /** Random (incompressible) files of several chunks, a small one and an empty one. */
    private Path tree() throws IOException {
        Path source = Files.createDirectories(temp.resolve("src"));
        Files.write(source.resolve("a.bin"), random(3 * MIB + MIB / 2, 1));
        Files.write(source.resolve("b.bin"), random(2 * MIB, 2));
        Files.writeString(source.resolve("c.txt"), "small\n");
        Files.write(source.resolve("d.bin"), random(MIB + MIB / 2, 4));
        Files.createFile(source.resolve("empty.txt"));
        return source;
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static long totalBytes(Path source) throws IOException {
        try (var files = Files.list(source)) {
            long total = 0;
            for (Path file : files.toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    /** The binary frames' bytes that crossed the link: the file data sent, sealed. */
    private static long binaryBytes(Link link) {
        return link.recorded().stream().filter(frame -> frame.length > 1000).mapToLong(frame -> frame.length).sum();
    }
}
