package org.p2pcopy.client.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.TransferListener;
import org.p2pcopy.client.compression.CompressionMode;
import org.p2pcopy.client.pairing.Code;
import org.p2pcopy.client.protocol.ChunkFrame;
import org.p2pcopy.client.transport.Incoming;
import org.p2pcopy.client.transport.PeerCloseCode;

/**
 * A real sender and a real receiver, each on its own thread, joined by a {@link Link} that records
 * what a relay would see and can alter frames as a hostile relay could. Proves what the encryption
 * promises (docs/security.md) without a network: nothing of the transfer in clear, a wrong code or a
 * tampered handshake stops both sides before any metadata moves, an altered frame fails integrity.
 */
class LinkedTransferTest {
    private static final String CODE = "7-crayon-orbit";
    private static final String SECRET_NAME = "Quarterly secret plan.txt";
    private static final String TEXT = "the merger closes on friday; tell no one outside the board\n";

    @TempDir
    Path temp;

    @Test
    void anEncryptedTransferShowsTheRelayNoNameSizeChainOrContent() throws Exception {
        Path source = tree();
        Path out = temp.resolve("out");
        Link link = new Link();

        Peers.Outcome outcome = transfer(link, source, CODE, CODE, true, out);

        assertNull(outcome.sender(), outcome.senderMessage());
        assertNull(outcome.receiver(), outcome.receiverMessage());
        assertEquals(Frames.snapshot(source), Frames.snapshot(out.resolve(source.getFileName())));
        List<String> leaks = leaks(link, source);
        assertEquals(List.of(), leaks, "readable by the relay");
        assertNull(link.sender.closedAs(), "the sender closes normally");
        assertNull(link.receiver.closedAs(), "the receiver closes normally");
    }

    /** The same check finds the secrets when encryption is off: it is able to fail. */
    @Test
    void withoutEncryptionTheSameCheckFindsEverything() throws Exception {
        Path source = tree();
        Path out = temp.resolve("out");
        Link link = new Link();

        Peers.Outcome outcome = transfer(link, source, CODE, CODE, false, out);

        assertNull(outcome.sender(), outcome.senderMessage());
        assertNull(outcome.receiver(), outcome.receiverMessage());
        List<String> leaks = leaks(link, source);
        for (String expected : List.of("name", "path", "size", "content", "chain")) {
            assertTrue(leaks.stream().anyMatch(leak -> leak.startsWith(expected)), expected + " not found in " + leaks);
        }
    }

    @Test
    void aWrongCodeStopsBothSidesBeforeAnyNameMoves() throws Exception {
        Path source = tree();
        Path out = temp.resolve("out");
        Link link = new Link();

        Peers.Outcome outcome = transfer(link, source, CODE, "7-crayon-orbiT", true, out);

        assertEquals(Failure.WRONG_CODE, outcome.sender(), outcome.senderMessage());
        assertEquals(Failure.WRONG_CODE, outcome.receiver(), outcome.receiverMessage());
        assertTrue(outcome.senderMessage().contains("wrong code or tampering"), outcome.senderMessage());
        assertTrue(outcome.receiverMessage().contains("wrong code or tampering"), outcome.receiverMessage());
        assertFalse(Files.exists(out), "the receiver created its output folder");
        assertFalse(String.join("\n", recordedText(link)).contains(SECRET_NAME), "a name crossed the relay");
        assertEquals(PeerCloseCode.WRONG_CODE, link.sender.closedAs(), "the relay hears of the failed pairing");
        assertEquals(PeerCloseCode.WRONG_CODE, link.receiver.closedAs(), "the relay hears of the failed pairing");
    }

    /** A relay that strips a capability from the sender's hello is caught by the confirmation. */
    @ParameterizedTest
    @ValueSource(strings = {"aes-256-gcm", "zstd"})
    void aRelayThatDowngradesTheHelloIsCaught(String capability) throws Exception {
        Path source = tree();
        Path out = temp.resolve("out");
        Link link = new Link().toReceiver(frame -> frame instanceof Incoming.Text text && text.text().contains("\"hello\"")
                ? new Incoming.Text(text.text().replaceAll(",?\"" + capability + "\",?", "")) : frame);

        Peers.Outcome outcome = transfer(link, source, CODE, CODE, true, out);

        assertEquals(Failure.WRONG_CODE, outcome.sender(), outcome.senderMessage());
        assertEquals(Failure.WRONG_CODE, outcome.receiver(), outcome.receiverMessage());
        assertFalse(Files.exists(out));
    }

    /** One bit flipped in the middle of the big file's second chunk: the receiver stops, keeps nothing partial. */
    @Test
    void anAlteredFrameFailsIntegrityAndLeavesNoPartialFile() throws Exception {
        Path source = tree();
        Path out = temp.resolve("out");
        AtomicInteger binaries = new AtomicInteger();
        Link link = new Link().toReceiver(flipInBinary(binaries, 6));

        Peers.Outcome outcome = transfer(link, source, CODE, CODE, true, out);

        assertEquals(Failure.INTEGRITY, outcome.receiver(), outcome.receiverMessage());
        assertEquals(Failure.INTEGRITY, outcome.sender(), outcome.senderMessage());
        assertTrue(outcome.receiverMessage().contains("altered"), outcome.receiverMessage());
        assertNoPartialFiles(out);
    }

    /** Frames injected in clear after the handshake are refused like altered ones. */
    @Test
    void aFrameInjectedInClearFailsIntegrity() throws Exception {
        Path source = tree();
        Path out = temp.resolve("out");
        AtomicInteger texts = new AtomicInteger();
        // The sender's first binary frame is its sealed manifest: it arrives as text instead.
        Link link = new Link().toReceiver(frame -> frame instanceof Incoming.Binary && texts.incrementAndGet() == 1
                ? new Incoming.Text("{\"type\":\"accept\"}") : frame);

        Peers.Outcome outcome = transfer(link, source, CODE, CODE, true, out);

        assertEquals(Failure.INTEGRITY, outcome.receiver(), outcome.receiverMessage());
        assertNoPartialFiles(out);
    }

    /**
     * A tree of text compresses: the relay carries far fewer bytes than with --compress off, and
     * every file arrives whole, with the digest of its own bytes.
     */
    @Test
    void compressedTextCrossesInFewerBytesAndArrivesWhole() throws Exception {
        Path source = textTree();
        Map<String, String> expected = Frames.snapshot(source);
        long[] wire = new long[2];
        for (CompressionMode mode : List.of(CompressionMode.AUTO, CompressionMode.OFF)) {
            Path out = temp.resolve("out-" + mode.wireName());
            Link link = new Link();
            Map<String, String> digests = new ConcurrentHashMap<>();

            Peers.Outcome outcome = transfer(link, source, CODE, CODE, true, mode, out, digests);

            assertNull(outcome.sender(), outcome.senderMessage());
            assertNull(outcome.receiver(), outcome.receiverMessage());
            assertEquals(expected, Frames.snapshot(out.resolve(source.getFileName())));
            for (Map.Entry<String, String> file : digests.entrySet()) {
                assertEquals(digest(out.resolve(file.getKey())), file.getValue(), file.getKey());
            }
            assertEquals(3, digests.size(), digests.toString());
            wire[mode == CompressionMode.AUTO ? 0 : 1] = link.recorded().stream().mapToLong(frame -> frame.length).sum();
        }
        assertTrue(wire[0] < wire[1] / 3, "compressed " + wire[0] + " bytes, raw " + wire[1]);
    }

    /**
     * Without encryption nothing but the chain guards a compressed payload: one flipped byte in
     * it fails integrity, whether zstd notices or the file's bytes just come out different.
     */
    @Test
    void aByteFlippedInACompressedPayloadFailsIntegrity() throws Exception {
        Path source = textTree();
        Path out = temp.resolve("out");
        AtomicInteger chunks = new AtomicInteger();
        AtomicBoolean flippedCompressed = new AtomicBoolean();
        Link link = new Link().toReceiver(frame -> {
            if (frame instanceof Incoming.Binary binary && chunks.incrementAndGet() == 2) {
                ByteBuffer data = binary.data();
                flippedCompressed.set((data.getLong(data.position()) & ChunkFrame.COMPRESSED) != 0);
                int middle = data.position() + ChunkFrame.HEADER_BYTES + (data.remaining() - ChunkFrame.HEADER_BYTES) / 2;
                data.put(middle, (byte) (data.get(middle) ^ 0x20));
            }
            return frame;
        });

        Peers.Outcome outcome = transfer(link, source, CODE, CODE, false, CompressionMode.AUTO, out, new ConcurrentHashMap<>());

        assertTrue(flippedCompressed.get(), "the altered chunk was not a compressed one");
        assertEquals(Failure.INTEGRITY, outcome.receiver(), outcome.receiverMessage());
        assertEquals(Failure.INTEGRITY, outcome.sender(), outcome.senderMessage());
        assertNoPartialFiles(out);
    }

    /** Three files of text, 2.5 MiB in all: log-like lines that compress several times over. */
    private Path textTree() throws IOException {
        Path source = Files.createDirectories(temp.resolve("text"));
        Random random = new Random(3);
        String[] words = {"relay", "chunk", "sealed", "frame", "digest", "receiver", "sender", "manifest"};
        for (String name : List.of("a.log", "b.log", "nested/c.txt")) {
            StringBuilder text = new StringBuilder();
            while (text.length() < 850_000) {
                text.append(String.format("%06d %s %s %d%n", text.length(), words[random.nextInt(words.length)],
                        words[random.nextInt(words.length)], random.nextInt(1000)));
            }
            Path file = source.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        }
        return source;
    }

    /** The file's digest as a sender computes it: the chain over its 1 MiB chunks. */
    private static String digest(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] chain = Frames.ZERO_CHAIN;
        for (int offset = 0; offset < bytes.length; offset += ChunkFrame.MAX_PAYLOAD_BYTES) {
            chain = Frames.chain(chain, Arrays.copyOfRange(bytes, offset,
                    Math.min(bytes.length, offset + ChunkFrame.MAX_PAYLOAD_BYTES)));
        }
        return HexFormat.of().formatHex(chain);
    }

    private static UnaryOperator<Incoming> flipInBinary(AtomicInteger count, int which) {
        return frame -> {
            if (frame instanceof Incoming.Binary binary && count.incrementAndGet() == which) {
                ByteBuffer data = binary.data();
                int middle = data.position() + data.remaining() / 2;
                data.put(middle, (byte) (data.get(middle) ^ 1));
            }
            return frame;
        };
    }

    private static void assertNoPartialFiles(Path out) throws IOException {
        if (Files.exists(out)) {
            try (var paths = Files.walk(out)) {
                List<Path> partial = paths.filter(path -> path.getFileName().toString().endsWith(".p2p-copy-part")).toList();
                assertEquals(List.of(), partial, "temporary files left");
            }
            assertFalse(Files.exists(out.resolve("src/big.bin")), "the altered file was given its name");
        }
    }

    /** A folder with a secret name, a text file, an empty file and 3 MiB of random data (several chunks). */
    private Path tree() throws IOException {
        Path source = Files.createDirectories(temp.resolve("src"));
        Files.writeString(source.resolve(SECRET_NAME), TEXT);
        Files.createDirectories(source.resolve("nested/empty"));
        Files.write(source.resolve("nested/zero"), new byte[0]);
        byte[] big = new byte[3 * ChunkFrame.MAX_PAYLOAD_BYTES + 12345];
        new Random(42).nextBytes(big);
        Files.write(source.resolve("big.bin"), big);
        return source;
    }

    private static Peers.Outcome transfer(Link link, Path source, String senderCode, String receiverCode, boolean encrypt,
            Path out) throws Exception {
        return transfer(link, source, senderCode, receiverCode, encrypt, CompressionMode.AUTO, out, new ConcurrentHashMap<>());
    }

    /** @param digests gets each file's path under {@code out} and the digest the receiver verified */
    private static Peers.Outcome transfer(Link link, Path source, String senderCode, String receiverCode, boolean encrypt,
            CompressionMode compression, Path out, Map<String, String> digests) throws Exception {
        TransferListener verified = new TransferListener() {
            @Override
            public void fileVerified(String path, long size, String digestHex) {
                digests.put(path, digestHex);
            }
        };
        return Peers.run(link,
                () -> new Sender(link.sender, Code.parse(senderCode), SourceTree.scan(List.of(source),
                        TransferListener.SILENT), encrypt, compression, TransferListener.SILENT).run(),
                () -> new Receiver(link.receiver, Code.parse(receiverCode), OutputTree.open(out, false), verified).run());
    }

    /**
     * What of the transfer a relay could read: names and paths, size fields, content and chain
     * values. Each leak is reported as "what: where".
     */
    private static List<String> leaks(Link link, Path source) throws IOException {
        List<byte[]> frames = link.recorded();
        List<String> leaks = new ArrayList<>();
        byte[] big = Files.readAllBytes(source.resolve("big.bin"));
        byte[] firstChain = Frames.chain(Frames.ZERO_CHAIN, java.util.Arrays.copyOf(big, ChunkFrame.MAX_PAYLOAD_BYTES));
        String hexChain = HexFormat.of().formatHex(firstChain);
        for (int i = 0; i < frames.size(); i++) {
            byte[] frame = frames.get(i);
            String latin = new String(frame, StandardCharsets.ISO_8859_1);
            check(leaks, latin, "name", SECRET_NAME, i);
            check(leaks, latin, "path", "nested/zero", i);
            check(leaks, latin, "size", "\"size\"", i);
            check(leaks, latin, "size", Integer.toString(big.length), i);
            check(leaks, latin, "content", TEXT.substring(0, 24), i);
            check(leaks, latin, "content", new String(big, 1000, 48, StandardCharsets.ISO_8859_1), i);
            check(leaks, latin, "chain", new String(firstChain, StandardCharsets.ISO_8859_1), i);
            check(leaks, latin, "chain", hexChain, i);
        }
        return leaks;
    }

    private static void check(List<String> leaks, String frame, String what, String secret, int index) {
        if (frame.contains(secret)) {
            leaks.add(what + ": frame " + index);
        }
    }

    private static List<String> recordedText(Link link) {
        return link.recorded().stream().map(bytes -> new String(bytes, StandardCharsets.ISO_8859_1)).toList();
    }
}
