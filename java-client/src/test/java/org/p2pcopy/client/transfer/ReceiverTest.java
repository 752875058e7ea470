package org.p2pcopy.client.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2pcopy.client.transfer.Frames.ZERO_CHAIN;
import static org.p2pcopy.client.transfer.Frames.chain;
import static org.p2pcopy.client.transfer.Frames.chunk;
import static org.p2pcopy.client.transfer.Frames.text;

import com.github.luben.zstd.Zstd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.TransferListener;
import org.p2pcopy.client.TransferSummary;
import org.p2pcopy.client.pairing.Code;
import org.p2pcopy.client.protocol.ChunkFrame;
import org.p2pcopy.client.protocol.End;
import org.p2pcopy.client.protocol.Hello;
import org.p2pcopy.client.protocol.Entry;
import org.p2pcopy.client.protocol.FileBegin;
import org.p2pcopy.client.protocol.FileEnd;
import org.p2pcopy.client.protocol.Manifest;
import org.p2pcopy.client.protocol.Role;
import org.p2pcopy.client.transport.Incoming;
import org.p2pcopy.client.transport.PeerCloseCode;

/** The receiver against hostile or broken senders, played by a {@link ScriptedChannel}. */
class ReceiverTest {
    private static final String CODE = "7-test-code";
    private static final String NAME = "a.txt";
    private static final byte[] DATA = "hello".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DATA_CHAIN = chain(ZERO_CHAIN, DATA);

    @TempDir
    Path temp;

    /** What a sender sends of one file after its file_begin, and the size it announced. */
    /** @param verified whether a chunk verified before the failure: its data is kept for a resume */
    private record BadFile(String name, long announced, List<Incoming> frames, boolean verified) {
        BadFile(String name, long announced, List<Incoming> frames) {
            this(name, announced, frames, frames.size() > 1);
        }
    }

    private static final List<BadFile> BAD_FILES = List.of(
            new BadFile("a chunk whose chain is wrong", DATA.length,
                    List.of(chunk(0, chain(ZERO_CHAIN, "HELLO".getBytes(StandardCharsets.UTF_8)), DATA))),
            new BadFile("a chunk with a chain from a wrong start", DATA.length,
                    List.of(chunk(0, chain(DATA_CHAIN, DATA), DATA))),
            new BadFile("a first chunk numbered 1", DATA.length, List.of(chunk(1, DATA_CHAIN, DATA))),
            new BadFile("more bytes than announced", DATA.length - 2, List.of(chunk(0, DATA_CHAIN, DATA))),
            new BadFile("fewer bytes than announced", DATA.length + 1,
                    List.of(chunk(0, DATA_CHAIN, DATA), text(fileEnd(1, DATA.length + 1, DATA_CHAIN)))),
            new BadFile("a file_end with a wrong digest", DATA.length,
                    List.of(chunk(0, DATA_CHAIN, DATA), text(fileEnd(1, DATA.length, ZERO_CHAIN)))),
            new BadFile("a file_end that counts a chunk too many", DATA.length,
                    List.of(chunk(0, DATA_CHAIN, DATA), text(fileEnd(2, DATA.length, DATA_CHAIN)))));

    /**
     * The receiver stops at the first bad chunk or file_end and says so. Nothing gets the final name;
     * only a chunk that verified stays, under the temporary name, for a resumed transfer to check.
     */
    @TestFactory
    Stream<DynamicTest> badFilesFailIntegrity() {
        return BAD_FILES.stream().map(bad -> DynamicTest.dynamicTest(bad.name(), () -> {
            // @TempDir is one folder for all dynamic tests of the factory: each case gets its own.
            Path out = temp.resolve(bad.name());
            ScriptedChannel sender = new ScriptedChannel()
                    .whenSent(0, handshake(CODE)).whenSent(0, text(new Manifest(List.of(Entry.file(NAME, bad.announced())), false)))
                    .whenSent(0, text(new FileBegin(0, NAME, bad.announced())))
                    .whenSent(0, bad.frames().toArray(Incoming[]::new));

            assertEquals(Failure.INTEGRITY, receive(sender, out).failure());

            Frames.assertSentError("integrity", sender);
            assertEquals(bad.verified() ? Map.of(".a.txt.p2p-copy-part", HexFormat.of().formatHex(DATA)) : Map.of(),
                    Frames.snapshot(out));
        }));
    }

    /** A chunk marked compressed (bit 63 of seq) from a sender that did not offer zstd breaks the protocol. */
    @Test
    void aCompressedChunkWithoutZstdAgreedIsAProtocolError() {
        Path out = temp.resolve("out");
        byte[] text = "hello ".repeat(200).getBytes(StandardCharsets.UTF_8);
        ScriptedChannel sender = new ScriptedChannel()
                .whenSent(0, handshake(CODE)).whenSent(0, text(new Manifest(List.of(Entry.file(NAME, text.length)), false)))
                .whenSent(0, text(new FileBegin(0, NAME, text.length)),
                        chunk(ChunkFrame.COMPRESSED, chain(ZERO_CHAIN, text), Zstd.compress(text, 1)));

        TransferException stopped = receive(sender, out);

        assertEquals(Failure.PEER, stopped.failure());
        assertTrue(stopped.getMessage().contains("compression was not agreed"), stopped.getMessage());
        Frames.assertSentError("protocol", sender);
        assertEquals(Map.of(), Frames.snapshot(out));
    }

    /** With zstd agreed, a compressed chunk and a raw one make up one file, chained over the file's bytes. */
    @Test
    void compressedAndRawChunksMakeOneFile() throws TransferException {
        Path out = temp.resolve("out");
        byte[] text = "hello ".repeat(200).getBytes(StandardCharsets.UTF_8);
        byte[] first = chain(ZERO_CHAIN, text);
        byte[] second = chain(first, DATA);
        ScriptedChannel sender = new ScriptedChannel()
                .whenSent(0, Handshakes.peer(Role.SENDER, CODE, CODE, List.of(Hello.ZSTD), Receiver.CAPABILITIES))
                .whenSent(0, text(new Manifest(List.of(Entry.file(NAME, text.length + DATA.length)), false)))
                .whenSent(0, text(new FileBegin(0, NAME, text.length + DATA.length)),
                        chunk(ChunkFrame.COMPRESSED, first, Zstd.compress(text, 1)), chunk(1, second, DATA),
                        text(fileEnd(2, text.length + DATA.length, second)), text(new End(1, text.length + DATA.length)));

        TransferSummary summary = new Receiver(sender, Code.parse(CODE), OutputTree.open(out, false),
                TransferListener.SILENT, Handshakes.side()).run();

        assertEquals(HexFormat.of().formatHex((new String(text, StandardCharsets.UTF_8) + "hello")
                .getBytes(StandardCharsets.UTF_8)), Frames.snapshot(out).get(NAME));
        assertTrue(summary.compressed());
        assertTrue(summary.wireBytes() < text.length / 10 + DATA.length, "on the wire: " + summary.wireBytes());
    }

    /** A compressed chunk that would overrun the file is refused before it is decoded. */
    @Test
    void aCompressedChunkLongerThanTheFileFailsIntegrity() {
        Path out = temp.resolve("out");
        byte[] text = "hello ".repeat(200).getBytes(StandardCharsets.UTF_8);
        ScriptedChannel sender = new ScriptedChannel()
                .whenSent(0, Handshakes.peer(Role.SENDER, CODE, CODE, List.of(Hello.ZSTD), Receiver.CAPABILITIES))
                .whenSent(0, text(new Manifest(List.of(Entry.file(NAME, text.length - 1)), false)))
                .whenSent(0, text(new FileBegin(0, NAME, text.length - 1)),
                        chunk(ChunkFrame.COMPRESSED, chain(ZERO_CHAIN, text), Zstd.compress(text, 1)));

        assertEquals(Failure.INTEGRITY, receive(sender, out).failure());

        Frames.assertSentError("integrity", sender);
        assertEquals(Map.of(), Frames.snapshot(out));
    }

    /** The script ends mid-file, which the channel reports as the relay's 4002 (peer left). */
    @Test
    void aSenderThatLeavesMidFileLeavesTheVerifiedDataUnderTheTemporaryName() {
        Path out = temp.resolve("out");
        ScriptedChannel sender = new ScriptedChannel()
                .whenSent(0, handshake(CODE)).whenSent(0, text(new Manifest(List.of(Entry.file(NAME, 2L * DATA.length)), false)))
                .whenSent(0, text(new FileBegin(0, NAME, 2L * DATA.length)), chunk(0, DATA_CHAIN, DATA));

        TransferException stopped = receive(sender, out);

        assertEquals(Failure.PEER, stopped.failure());
        assertTrue(stopped.getMessage().contains("receive again with --resume"), stopped.getMessage());
        assertEquals(Map.of(".a.txt.p2p-copy-part", HexFormat.of().formatHex(DATA)), Frames.snapshot(out));
    }

    @Test
    void aPathLeadingOutIsRefusedBeforeAnythingIsWritten() {
        Path out = temp.resolve("out");
        ScriptedChannel sender = new ScriptedChannel()
                .whenSent(0, handshake(CODE)).whenSent(0, text(new Manifest(List.of(Entry.file("../x", 1)), false)));

        assertEquals(Failure.PEER, receive(sender, out).failure());

        Frames.assertSentError("bad_path", sender);
        assertEquals(Map.of(), Frames.snapshot(temp), "written in or beside the output folder");
    }

    @Test
    void aWrongCodeWritesNothingAtAll() {
        Path out = temp.resolve("out");
        ScriptedChannel sender = new ScriptedChannel().whenSent(0, handshake("7-other-code"));

        assertEquals(Failure.WRONG_CODE, receive(sender, out).failure());

        Frames.assertSentError("wrong_code", sender);
        assertEquals(PeerCloseCode.WRONG_CODE, sender.closedAs(), "so that the relay counts a failed pairing");
        assertFalse(Files.exists(out), "the output folder was created");
    }

    /** The scripted sender's hello and confirm; with another code than the receiver's, a wrong confirm. */
    private static Incoming[] handshake(String code) {
        return Handshakes.peer(Role.SENDER, code, CODE);
    }

    private static FileEnd fileEnd(long chunks, long size, byte[] digest) {
        return new FileEnd(0, chunks, size, HexFormat.of().formatHex(digest));
    }

    private static TransferException receive(ScriptedChannel sender, Path out) {
        return assertThrows(TransferException.class, () -> new Receiver(sender, Code.parse(CODE),
                OutputTree.open(out, false), TransferListener.SILENT, Handshakes.side()).run());
    }
}
