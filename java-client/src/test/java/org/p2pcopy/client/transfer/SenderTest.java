package org.p2pcopy.client.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2pcopy.client.transfer.Frames.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.TransferListener;
import org.p2pcopy.client.compression.CompressionMode;
import org.p2pcopy.client.pairing.Code;
import org.p2pcopy.client.protocol.Accept;
import org.p2pcopy.client.protocol.Ack;
import org.p2pcopy.client.protocol.ChunkFrame;
import org.p2pcopy.client.protocol.ErrorCode;
import org.p2pcopy.client.protocol.ErrorMessage;
import org.p2pcopy.client.protocol.Hello;
import org.p2pcopy.client.protocol.Role;
import org.p2pcopy.client.transport.Incoming;
import org.p2pcopy.client.transport.PeerCloseCode;

/** The sender when its files change under it and when the receiver, played by a script, stops it. */
class SenderTest {
    private static final String CODE = "7-test-code";
    // Frames the sender has sent when it reaches its first chunk: hello, confirm, manifest, file_begin.
    private static final int BEFORE_FIRST_CHUNK = 4;

    @TempDir
    Path temp;

    @Test
    void aFileThatGrowsWhileSentIsReportedAsChanged() throws IOException {
        Path file = Files.writeString(temp.resolve("a.txt"), "hello");
        TransferListener appendsOnce = new TransferListener() {
            private boolean appended;

            @Override
            public void progress(long bytesDone, long totalBytes) {
                if (!appended) {
                    appended = true;
                    run(() -> Files.writeString(file, "!", StandardOpenOption.APPEND));
                }
            }
        };
        ScriptedChannel receiver = acceptingReceiver();

        assertEquals(Failure.LOCAL_FILE, send(receiver, file, appendsOnce).failure());

        Frames.assertSentError("changed", receiver);
    }

    @Test
    void aFileThatShrinksWhileSentIsReportedAsChanged() throws IOException {
        // Two chunks: the file loses most of its second chunk once the first one is out.
        Path file = Files.write(temp.resolve("big.bin"), new byte[ChunkFrame.MAX_PAYLOAD_BYTES + 1000]);
        ScriptedChannel receiver = acceptingReceiver().onBinarySent(() -> run(() -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(ChunkFrame.MAX_PAYLOAD_BYTES + 10);
            }
        }));

        assertEquals(Failure.LOCAL_FILE, send(receiver, file, TransferListener.SILENT).failure());

        Frames.assertSentError("changed", receiver);
    }

    @Test
    void anErrorFromTheReceiverStopsTheSenderAtOnce() throws IOException {
        Path file = Files.writeString(temp.resolve("a.txt"), "hello");
        ScriptedChannel receiver = acceptingReceiver().whenSent(BEFORE_FIRST_CHUNK,
                text(ErrorMessage.of(ErrorCode.NO_SPACE, "the disk is full")));

        TransferException stopped = send(receiver, file, TransferListener.SILENT);

        assertEquals(Failure.LOCAL_FILE, stopped.failure());
        assertTrue(stopped.getMessage().contains("receiver"), stopped.getMessage());
        assertTrue(receiver.sent().stream().noneMatch(Incoming.Binary.class::isInstance), "sent a chunk after the error");
        assertNull(receiver.closedAs(), "closes normally after any stop but a wrong code");
    }

    /** The receiver's key confirmation failed: the sender closes as after its own (docs/protocol.md §2.3). */
    @Test
    void aWrongCodeFromTheReceiverMakesTheSenderCloseWith4100() throws IOException {
        Path file = Files.writeString(temp.resolve("a.txt"), "hello");
        Incoming[] handshake = Handshakes.peer(Role.RECEIVER, CODE, CODE);
        ScriptedChannel receiver = new ScriptedChannel().whenSent(1, handshake[0])
                .whenSent(2, text(ErrorMessage.of(ErrorCode.WRONG_CODE, "wrong code or tampering")));

        assertEquals(Failure.WRONG_CODE, send(receiver, file, TransferListener.SILENT).failure());

        assertEquals(PeerCloseCode.WRONG_CODE, receiver.closedAs());
    }

    /** Only an ack with the numbers that were sent is a success (docs/protocol.md §4.5). */
    @Test
    void anAckWithOtherNumbersIsNoSuccess() throws IOException {
        Path file = Files.writeString(temp.resolve("a.txt"), "hello");
        // hello, confirm, manifest, file_begin, chunk, file_end, end: then the ack.
        ScriptedChannel receiver = acceptingReceiver().whenSent(7, text(new Ack(1, 4)));

        assertEquals(Failure.INTEGRITY, send(receiver, file, TransferListener.SILENT).failure());

        Frames.assertSentError("integrity", receiver);
    }

    /** Hundreds of paths of over 3 KiB: the manifest goes in several parts, each far below 1 MiB. */
    @Test
    void aManifestOfLongPathsIsSplitBelowTheControlMessageLimit() throws IOException {
        Path deep = temp.resolve("long");
        for (int level = 0; level < 13; level++) {
            deep = deep.resolve(Character.toString('a' + level).repeat(240));
        }
        Files.createDirectories(deep);
        for (int i = 0; i < 300; i++) {
            Files.createFile(deep.resolve(String.format("%03d", i) + "x".repeat(97)));
        }
        ScriptedChannel receiver = acceptingReceiver();

        send(receiver, temp.resolve("long"), TransferListener.SILENT); // ends when the script does

        List<String> manifests = receiver.sent().stream().filter(Incoming.Text.class::isInstance)
                .map(frame -> ((Incoming.Text) frame).text()).filter(text -> text.contains("\"manifest\"")).toList();
        assertTrue(manifests.size() > 1, "one manifest for " + 300 + " long paths");
        for (String manifest : manifests) {
            assertTrue(manifest.getBytes(StandardCharsets.UTF_8).length <= Sender.MANIFEST_PART_BYTES, "a part of "
                    + manifest.length() + " characters");
        }
    }

    /**
     * The page's receiver does not list zstd: a sender told to compress every chunk must send none
     * compressed to it, and does to a receiver that lists zstd.
     */
    @Test
    void aReceiverWithoutZstdGetsNoCompressedChunk() throws IOException {
        Path file = Files.writeString(temp.resolve("a.txt"), "compressible text, ".repeat(200_000));
        ScriptedChannel page = acceptingReceiver(List.of(Hello.ENCRYPTION), List.of(Hello.ZSTD));
        ScriptedChannel client = acceptingReceiver(List.of(Hello.ENCRYPTION, Hello.ZSTD), List.of(Hello.ZSTD));

        send(page, file, CompressionMode.ON);
        send(client, file, CompressionMode.ON);

        assertEquals(List.of(false, false, false, false), compressedFlags(page));
        assertEquals(List.of(true, true, true, true), compressedFlags(client));
    }

    /** With --compress off the sender does not even offer zstd, so a receiver that does gets raw chunks. */
    @Test
    void offOffersNoZstd() throws IOException {
        Path file = Files.writeString(temp.resolve("a.txt"), "compressible text, ".repeat(1000));
        ScriptedChannel receiver = acceptingReceiver(List.of(Hello.ENCRYPTION, Hello.ZSTD), List.of());

        send(receiver, file, CompressionMode.OFF);

        String hello = ((Incoming.Text) receiver.sent().get(0)).text();
        assertTrue(hello.contains("\"capabilities\":[]"), hello);
        assertEquals(List.of(false), compressedFlags(receiver));
    }

    /** Whether each chunk the sender sent was marked compressed, in order. */
    private static List<Boolean> compressedFlags(ScriptedChannel receiver) {
        return receiver.sent().stream().filter(Incoming.Binary.class::isInstance)
                .map(frame -> (((Incoming.Binary) frame).data().getLong(0) & ChunkFrame.COMPRESSED) != 0).toList();
    }

    /** A receiver that answers the hello and the confirm, and accepts the manifest. */
    private static ScriptedChannel acceptingReceiver() {
        return acceptingReceiver(Handshakes.ENCRYPTED, Handshakes.PLAIN);
    }

    /** The same, when the receiver and the sender offer the capabilities given. */
    private static ScriptedChannel acceptingReceiver(List<String> receiverOffers, List<String> senderOffers) {
        Incoming[] handshake = Handshakes.peer(Role.RECEIVER, CODE, CODE, receiverOffers, senderOffers);
        return new ScriptedChannel().whenSent(1, handshake[0]).whenSent(2, handshake[1]).whenSent(3, text(new Accept()));
    }

    private static TransferException send(ScriptedChannel receiver, Path file, TransferListener listener) {
        return assertThrows(TransferException.class, () -> new Sender(receiver, Code.parse(CODE),
                SourceTree.scan(List.of(file), listener), false, CompressionMode.OFF, listener, Handshakes.side()).run());
    }

    /** Sends {@code file} without encryption; the script ends after the chunks, so the sender fails waiting for the ack. */
    private static void send(ScriptedChannel receiver, Path file, CompressionMode compression) {
        assertThrows(TransferException.class, () -> new Sender(receiver, Code.parse(CODE),
                SourceTree.scan(List.of(file), TransferListener.SILENT), false, compression, TransferListener.SILENT,
                Handshakes.side()).run());
    }

    private interface FileAction {
        void run() throws IOException;
    }

    /** For file changes made from callbacks that cannot throw IOException. */
    private static void run(FileAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
