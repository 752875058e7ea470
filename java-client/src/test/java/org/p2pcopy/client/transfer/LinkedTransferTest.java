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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    /** What each side ended with: null for success, else its failure. */
    private record Outcome(Failure sender, Failure receiver, String senderMessage, String receiverMessage) {
    }

    @Test
    void anEncryptedTransferShowsTheRelayNoNameSizeChainOrContent() throws Exception {
        Path source = tree();
        Path out = temp.resolve("out");
        Link link = new Link();

        Outcome outcome = transfer(link, source, CODE, CODE, true, out);

        assertNull(outcome.sender(), outcome.senderMessage());
        assertNull(outcome.receiver(), outcome.receiverMessage());
        assertEquals(Frames.snapshot(source), Frames.snapshot(out.resolve(source.getFileName())));
        List<String> leaks = leaks(link, source);
        assertEquals(List.of(), leaks, "readable by the relay");
    }

    /** The same check finds the secrets when encryption is off: it is able to fail. */
    @Test
    void withoutEncryptionTheSameCheckFindsEverything() throws Exception {
        Path source = tree();
        Path out = temp.resolve("out");
        Link link = new Link();

        Outcome outcome = transfer(link, source, CODE, CODE, false, out);

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

        Outcome outcome = transfer(link, source, CODE, "7-crayon-orbiT", true, out);

        assertEquals(Failure.WRONG_CODE, outcome.sender(), outcome.senderMessage());
        assertEquals(Failure.WRONG_CODE, outcome.receiver(), outcome.receiverMessage());
        assertTrue(outcome.senderMessage().contains("wrong code or tampering"), outcome.senderMessage());
        assertTrue(outcome.receiverMessage().contains("wrong code or tampering"), outcome.receiverMessage());
        assertFalse(Files.exists(out), "the receiver created its output folder");
        assertFalse(String.join("\n", recordedText(link)).contains(SECRET_NAME), "a name crossed the relay");
    }

    /** A relay that strips a capability from the sender's hello is caught by the confirmation. */
    @ParameterizedTest
    @ValueSource(strings = {"aes-256-gcm", "zstd"})
    void aRelayThatDowngradesTheHelloIsCaught(String capability) throws Exception {
        Path source = tree();
        Path out = temp.resolve("out");
        Link link = new Link().toReceiver(frame -> frame instanceof Incoming.Text text && text.text().contains("\"hello\"")
                ? new Incoming.Text(text.text().replaceAll(",?\"" + capability + "\",?", "")) : frame);

        Outcome outcome = transfer(link, source, CODE, CODE, true, out);

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

        Outcome outcome = transfer(link, source, CODE, CODE, true, out);

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

        Outcome outcome = transfer(link, source, CODE, CODE, true, out);

        assertEquals(Failure.INTEGRITY, outcome.receiver(), outcome.receiverMessage());
        assertNoPartialFiles(out);
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

    private static Outcome transfer(Link link, Path source, String senderCode, String receiverCode, boolean encrypt,
            Path out) throws Exception {
        // A thread each: the common pool may run one task at a time on a small machine, and the two wait on each other.
        ExecutorService peers = Executors.newFixedThreadPool(2);
        try {
            Future<TransferException> sender = peers.submit(() -> run(link.sender,
                    () -> new Sender(link.sender, Code.parse(senderCode), SourceTree.scan(List.of(source),
                            TransferListener.SILENT), encrypt, CompressionMode.AUTO, TransferListener.SILENT).run()));
            Future<TransferException> receiver = peers.submit(() -> run(link.receiver,
                    () -> new Receiver(link.receiver, Code.parse(receiverCode), OutputTree.open(out, false),
                            TransferListener.SILENT).run()));
            TransferException s = sender.get();
            TransferException r = receiver.get();
            return new Outcome(s == null ? null : s.failure(), r == null ? null : r.failure(),
                    s == null ? "" : s.getMessage(), r == null ? "" : r.getMessage());
        } finally {
            peers.shutdownNow();
        }
    }

    private interface Side {
        void run() throws TransferException;
    }

    private static TransferException run(Link.End end, Side side) {
        try (end) {
            side.run();
            return null;
        } catch (TransferException e) {
            return e;
        }
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
