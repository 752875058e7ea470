package org.p2pcopy.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.p2pcopy.relay.RelayDeployment.freshRoom;
import static org.p2pcopy.relay.WsPeer.PAIRED;
import static org.p2pcopy.relay.WsPeer.TIMEOUT;
import static org.p2pcopy.relay.WsPeer.WAITING;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.p2pcopy.relay.WsPeer.Binary;
import org.p2pcopy.relay.WsPeer.Closed;
import org.p2pcopy.relay.WsPeer.Frame;
import org.p2pcopy.relay.WsPeer.Text;

/**
 * The relay against clients that break the rules on purpose: garbage, oversized frames, bad paths,
 * intruders, squatters, floods and upgrades that never end. After each, honest peers still get
 * through. The relay believes X-Forwarded-For from loopback here, so each test speaks from an
 * address of its own (198.51.100.0/24) and no test eats another's per-address budget; the client
 * library's transfers come from 127.0.0.1 itself.
 */
@ExtendWith(ArquillianExtension.class)
class HostileClientsTest {
    private static final int MAX_FRAME = 2 * 1024 * 1024;
    private static final int WAIT_SECONDS = 3;
    private static final int CONNECTIONS_PER_MINUTE = RelaySettings.DEFAULT_CONNECTIONS_PER_MINUTE;

    @Deployment(testable = false)
    static WebArchive relay() {
        return RelayDeployment.warWith(Map.of(
                RelaySettings.TRUSTED_PROXIES, "127.0.0.1",
                RelaySettings.WAIT_TIMEOUT_SECONDS, String.valueOf(WAIT_SECONDS)));
    }

    @ArquillianResource
    URL base;

    @TempDir
    Path temp;

    /** A hand-written sender paired with a proper receiver. */
    record RawPair(RawWebSocket sender, WsPeer receiver) implements AutoCloseable {
        @Override
        public void close() {
            try (receiver) {
                sender.close();
            }
        }
    }

    /** Whatever a test did, once its peers are gone the relay holds no room and no connection. */
    @AfterEach
    void relayForgetsEverything() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Metrics metrics = Metrics.scrape(base);
        while (metrics.value(RelayMetrics.ROOMS) != 0 || metrics.value(RelayMetrics.CONNECTIONS) != 0) {
            if (System.nanoTime() > deadline) {
                fail("the relay still holds " + metrics.value(RelayMetrics.ROOMS) + " rooms and "
                        + metrics.value(RelayMetrics.CONNECTIONS) + " connections");
            }
            Thread.sleep(100);
            metrics = Metrics.scrape(base);
        }
        assertEquals(0, metrics.value(RelayMetrics.TRANSFERS));
    }

    // 1. Garbage

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"binary", "text", "spoofed signal"})
    void garbageBeforePairedIsRefusedWith4000(String kind) throws Exception {
        String address = "198.51.100.1";
        try (WsPeer early = open(address, freshRoom(), "send")) {
            early.expectText(WAITING);
            switch (kind) {
                case "binary" -> early.sendBinary(garbage(1000, 1));
                case "text" -> early.sendText(garbageText(1000, 1));
                default -> early.sendText(PAIRED);
            }
            early.expectClose(4000);
        }
        assertARawPairStillWorks(address);
    }

    /** Text that is not UTF-8 never reaches the relay: the server ends the connection itself (1007). */
    @Test
    void textThatIsNotUtf8IsRefusedByTheServerPairedOrNot() throws Exception {
        String address = "198.51.100.1";
        byte[] notUtf8 = {'{', (byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80, '}'};
        try (RawWebSocket early = raw(address, freshRoom(), "send")) {
            assertEquals(WAITING, early.read().text());
            early.send(RawWebSocket.TEXT, notUtf8);
            assertEquals(1007, early.closeCode());
        }
        try (RawPair pair = rawPair(address)) {
            pair.sender().send(RawWebSocket.TEXT, notUtf8);
            assertEquals(1007, pair.sender().closeCode());
            pair.receiver().expectClose(4002);
        }
        assertAnHonestTransferStillWorks();
    }

    /** Frames that break RFC 6455 itself end the connection in the server (1002), and the partner learns it left. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"reserved opcode", "continuation out of nowhere"})
    void framesThatBreakWebSocketItselfEndOnlyTheirConnection(String kind) {
        String address = "198.51.100.1";
        try (RawPair pair = rawPair(address)) {
            pair.sender().send(kind.equals("reserved opcode") ? 0x3 : 0x0, garbage(10, 2));
            assertEquals(1002, pair.sender().closeCode());
            pair.receiver().expectClose(4002);
        }
        assertARawPairStillWorks(address);
    }

    /**
     * RFC 6455 wants a server to close on a client's unmasked frame; Tyrus takes it as it is, and
     * the relay forwards it like any other. Masking protects proxies from forged requests, not the
     * server, so the relay loses nothing by it.
     */
    @Test
    void anUnmaskedFrameIsTakenAsItIs() {
        String address = "198.51.100.1";
        try (RawPair pair = rawPair(address)) {
            byte[] bytes = garbage(1000, 5);
            pair.sender().send(RawWebSocket.BINARY, bytes, false);
            assertArrayEquals(bytes, assertInstanceOf(Binary.class, pair.receiver().next()).bytes());
            pair.receiver().sendText("back");
            assertEquals("back", pair.sender().read().text());
        }
        assertARawPairStillWorks(address);
    }

    @Test
    void garbageAfterPairedIsForwardedUnread() throws Exception {
        List<Frame> garbage = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            garbage.add(new Binary(garbage(1 + 50_000 * i, i)));
            garbage.add(new Text(garbageText(1 + 5_000 * i, i)));
        }
        garbage.add(new Text(PAIRED));
        garbage.add(new Text(WAITING));
        garbage.add(new Text(""));
        garbage.add(new Binary(new byte[0]));
        try (Pair pair = pair("198.51.100.1", freshRoom())) {
            garbage.forEach(pair.sender()::send);
            garbage.forEach(pair.receiver()::expect);
            garbage.forEach(pair.receiver()::send);
            garbage.forEach(pair.sender()::expect);
        }
        assertAnHonestTransferStillWorks();
    }

    // 2. Oversized frames

    @ParameterizedTest(name = "{0} bytes -> {1}")
    @CsvSource({"2097153, 1009", "16777217, 1011"})
    void anOversizedFrameEndsOnlyItsRoom(int size, int closeCode) throws Exception {
        Metrics before = Metrics.scrape(base);
        try (Pair hostile = pair("198.51.100.2", freshRoom()); Pair honest = pair("198.51.100.3", freshRoom())) {
            CompletableFuture<Void> oversized = CompletableFuture.runAsync(() -> hostile.sender().sendBinary(garbage(size, 3)));
            for (int i = 0; i < 20; i++) {
                Binary chunk = new Binary(garbage(MAX_FRAME / 2, 100 + i));
                honest.sender().send(chunk);
                honest.receiver().expect(chunk);
                honest.receiver().sendText("got " + i);
                honest.sender().expectText("got " + i);
            }
            oversized.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            hostile.sender().expectClose(closeCode);
            hostile.receiver().expectClose(4002);
        }
        // The server's own 1011 (its buffer overflowed) is no refusal of the relay's and goes uncounted.
        assertEquals(closeCode == 1009 ? 1 : 0,
                refusals(Metrics.scrape(base), "frame_too_large") - refusals(before, "frame_too_large"));
        assertAnHonestTransferStillWorks();
    }

    // 3. Bad URLs, versions and origins

    @Test
    void badPathsVersionsAndOriginsAreRefusedAtTheUpgrade() throws Exception {
        String address = "198.51.100.4";
        Metrics before = Metrics.scrape(base);
        WsPeer.Refused version = refused(address, "v2/7/send", Map.of());
        assertEquals(400, version.status());
        assertTrue(version.reason().contains("v1"), version.reason());
        List<String> badPaths = List.of("v1/bad-room!/send", "v1/7/both", "v1/7", "v1/7/send/extra", "v1/" + "a".repeat(65) + "/send",
                "v1/%41/send", "v1/7/SEND", "v1/../v1/7/send", "v1/7/./send", "v1//7/send", "v1/7/send;x=1");
        for (String path : badPaths) {
            WsPeer.Refused refusal = refused(address, path, Map.of());
            assertEquals(400, refusal.status(), path);
            assertTrue(refusal.reason().contains("/relay/v1/ROOM/send"), () -> path + ": " + refusal.reason());
        }
        // A NUL never reaches the relay: the server itself answers 400, without the relay's words.
        assertEquals(400, refused(address, "v1/7/send%00", Map.of()).status());
        WsPeer.Refused origin = refused(address, "v1/7/send", Map.of("Origin", "https://elsewhere.example"));
        assertEquals(403, origin.status());
        assertTrue(origin.reason().contains("https://elsewhere.example"), origin.reason());

        Metrics after = Metrics.scrape(base);
        assertEquals(1, refusals(after, "unsupported_version") - refusals(before, "unsupported_version"));
        assertEquals(badPaths.size(), refusals(after, "bad_request") - refusals(before, "bad_request"));
        assertEquals(1, refusals(after, "origin") - refusals(before, "origin"));
        // Refused before any WebSocket: the address's connection budget is untouched.
        try (WsPeer peer = open(address, freshRoom(), "send")) {
            peer.expectText(WAITING);
        }
        assertARawPairStillWorks(address);
    }

    // 4. An intruder

    @ParameterizedTest(name = "third peer {0}")
    @ValueSource(strings = {"send", "receive"})
    void aThirdPeerGets4001AndThePairIsUnharmed(String role) {
        String address = "198.51.100.5";
        String room = freshRoom();
        try (Pair pair = pair(address, room)) {
            for (int i = 0; i < 3; i++) {
                try (WsPeer intruder = open(address, room, role)) {
                    intruder.expectClose(4001);
                }
            }
            pair.assertStillForwards();
        }
    }

    // 5. A squatter

    @Test
    void aSilentPeerIsDroppedAfterTheWaitLimitAndItsRoomIsFreeAgain() {
        String address = "198.51.100.6";
        String room = freshRoom();
        try (WsPeer squatter = open(address, room, "receive")) {
            squatter.expectText(WAITING);
            long opened = System.nanoTime();
            squatter.expectClose(4003);
            Duration waited = Duration.ofNanos(System.nanoTime() - opened);
            assertTrue(waited.compareTo(Duration.ofMillis(WAIT_SECONDS * 1000 - 500)) > 0, "dropped already after " + waited);
            assertTrue(waited.compareTo(Duration.ofSeconds(WAIT_SECONDS + 3)) < 0, "dropped only after " + waited);
        }
        try (Pair again = pair(address, room)) {
            again.assertStillForwards();
        }
    }

    // 6. A flood from one address

    @Test
    void aFloodFromOneAddressIsCutOffWhileOthersGetThrough() throws Exception {
        String flooder = "198.51.100.7";
        int attempts = CONNECTIONS_PER_MINUTE + 30;
        Metrics before = Metrics.scrape(base);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        long started = System.nanoTime();
        try (Pair bystanders = pair("198.51.100.8", freshRoom())) {
            List<Future<Frame>> answers = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                answers.add(threads.submit(() -> {
                    try (WsPeer peer = open(flooder, freshRoom(), "send")) {
                        return peer.next();
                    }
                }));
            }
            // The bystanders keep talking while the flood goes on.
            for (int i = 0; !answers.get(attempts - 1).isDone(); i++) {
                bystanders.sender().sendBinary(garbage(1000, i));
                bystanders.receiver().expect(new Binary(garbage(1000, i)));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            int admitted = 0;
            int refused = 0;
            for (Future<Frame> answer : answers) {
                Frame frame = answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (frame.equals(new Text(WAITING))) {
                    admitted++;
                } else {
                    Closed closed = assertInstanceOf(Closed.class, frame);
                    assertEquals(4005, closed.code(), closed::toString);
                    assertTrue(closed.reason().contains("try again in"), closed.reason());
                    refused++;
                }
            }
            // The bucket refills by two a second while the flood lasts.
            int refilled = (int) Math.ceil(seconds * CONNECTIONS_PER_MINUTE / 60.0);
            assertTrue(admitted >= CONNECTIONS_PER_MINUTE && admitted <= CONNECTIONS_PER_MINUTE + refilled,
                    admitted + " admitted in " + seconds + " s");
            assertEquals(attempts - admitted, refused);
            assertEquals(refused, refusals(Metrics.scrape(base), "too_many_connections") - refusals(before, "too_many_connections"));
            bystanders.assertStillForwards();
        } finally {
            threads.shutdownNow();
        }
        try (Pair others = pair("198.51.100.9", freshRoom())) {
            others.assertStillForwards();
        }
        assertAnHonestTransferStillWorks();
    }

    // 7. Upgrades that never end

    /**
     * Upgrades that never end take no worker from honest clients: the server reads requests without
     * blocking a thread. It drops a connection silent for 30 s (first line only, or nothing at all);
     * one that dribbles a byte every 100 ms it kept past 60 s when measured, so a proxy in front must
     * bound how long a request head may take.
     */
    @Test
    void slowLorisUpgradesDoNotHoldUpAnHonestTransfer() throws Exception {
        List<Socket> loris = new ArrayList<>();
        ExecutorService dribbler = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < 50; i++) {
                Socket socket = RawWebSocket.socket(base);
                loris.add(socket);
                String head = RawWebSocket.upgradeHead(base, "v1/" + freshRoom() + "/send", Map.of("X-Forwarded-For", "198.51.100.10"));
                // Half send their first line and then nothing; half dribble the rest, a byte at a time.
                socket.getOutputStream().write(head.substring(0, head.indexOf('\n') + 1).getBytes(StandardCharsets.US_ASCII));
            }
            dribbler.submit(() -> dribble(loris.subList(25, 50)));
            assertAnHonestTransferStillWorks();
            try (Pair pair = pair("198.51.100.11", freshRoom())) {
                pair.assertStillForwards();
            }
            int open = 0;
            for (Socket socket : loris) {
                open += answered(socket) ? 0 : 1;
            }
            assertEquals(loris.size(), open, "the server answered or ended slow upgrades");
        } finally {
            dribbler.shutdownNow();
            for (Socket socket : loris) {
                socket.close();
            }
        }
    }

    private static Void dribble(List<Socket> sockets) throws InterruptedException {
        byte[] rest = "Upgrade: websocket\r\nConnection: Upgrade\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; !Thread.currentThread().isInterrupted(); i = (i + 1) % rest.length) {
            for (Socket socket : sockets) {
                try {
                    socket.getOutputStream().write(rest[i]);
                } catch (IOException e) {
                    // The server gave up on this one; the test reports it.
                }
            }
            Thread.sleep(100);
        }
        return null;
    }

    /** Whether the server has sent anything on, or ended, a socket that never finished its request. */
    private static boolean answered(Socket socket) throws IOException {
        socket.setSoTimeout(1);
        try {
            socket.getInputStream().read();
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    // Helpers

    /** A small real transfer with the client library, from 127.0.0.1. */
    private void assertAnHonestTransferStillWorks() throws Exception {
        Path source = Files.createDirectories(Files.createTempDirectory(temp, "from").resolve("tree"));
        Files.createDirectories(source.resolve("a/b"));
        Files.write(source.resolve("a/b/data.bin"), garbage(300_000, 9));
        Files.writeString(source.resolve("a/notes.txt"), "honest\n");
        Transfers.assertCarried(RelayDeployment.httpBase(base), source, Files.createTempDirectory(temp, "to"));
    }

    /** A fresh pair from {@code address} that exchanges frames both ways. */
    private void assertARawPairStillWorks(String address) {
        try (Pair pair = pair(address, freshRoom())) {
            pair.assertStillForwards();
        }
    }

    private WsPeer open(String address, String room, String role) {
        return WsPeer.connect(RelayDeployment.endpoint(base, room, role), Map.of("X-Forwarded-For", address));
    }

    private RawWebSocket raw(String address, String room, String role) {
        return RawWebSocket.connect(base, "v1/" + room + "/" + role, Map.of("X-Forwarded-For", address));
    }

    private RawPair rawPair(String address) {
        String room = freshRoom();
        RawWebSocket sender = raw(address, room, "send");
        assertEquals(WAITING, sender.read().text());
        WsPeer receiver = open(address, room, "receive");
        assertEquals(PAIRED, sender.read().text());
        receiver.expectText(PAIRED);
        return new RawPair(sender, receiver);
    }

    private WsPeer.Refused refused(String address, String path, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("X-Forwarded-For", address);
        return WsPeer.refusedUpgrade(RelayDeployment.endpoint(base, path), all);
    }

    private Pair pair(String address, String room) {
        return Pair.open(base, room, Map.of("X-Forwarded-For", address));
    }

    private static double refusals(Metrics metrics, String reason) {
        return metrics.value(RelayMetrics.REFUSALS + "_total", "reason", reason);
    }

    private static byte[] garbage(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Any code points but lone surrogates (which UTF-8 cannot carry): controls, NUL, astral planes. */
    private static String garbageText(int codePoints, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int added = 0; added < codePoints; ) {
            int codePoint = random.nextInt(Character.MAX_CODE_POINT + 1);
            if (codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE) {
                text.appendCodePoint(codePoint);
                added++;
            }
        }
        return text.toString();
    }
}
