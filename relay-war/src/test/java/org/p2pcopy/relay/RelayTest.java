package org.p2pcopy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.p2pcopy.relay.RelayDeployment.freshRoom;
import static org.p2pcopy.relay.WsPeer.PAIRED;
import static org.p2pcopy.relay.WsPeer.TIMEOUT;
import static org.p2pcopy.relay.WsPeer.WAITING;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.p2pcopy.client.RelayAccess;
import org.p2pcopy.client.TransferListener;
import org.p2pcopy.client.pairing.Code;
import org.p2pcopy.client.pairing.CodeGenerator;
import org.p2pcopy.client.pairing.Pairing;
import org.p2pcopy.client.transport.RelayConnection;
import org.p2pcopy.relay.WsPeer.Binary;
import org.p2pcopy.relay.WsPeer.Frame;
import org.p2pcopy.relay.WsPeer.Text;

/** The relay of docs/protocol.md §2 in Payara Micro, spoken to by raw WebSocket peers. */
@ExtendWith(ArquillianExtension.class)
class RelayTest {
    private static final int MAX_FRAME = 2 * 1024 * 1024;
    private static final int LARGEST_CHUNK = 1024 * 1024 + 40;

    @Deployment(testable = false)
    static WebArchive relay() {
        return RelayDeployment.war();
    }

    @ArquillianResource
    URL base;

    @Test
    void servesThePage() throws Exception {
        HttpResponse<String> page = WsPeer.PLAIN_HTTP.send(
                HttpRequest.newBuilder(URI.create(RelayDeployment.httpBase(base) + "/")).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                () -> "Content-Type " + page.headers().firstValue("Content-Type"));
        assertTrue(page.body().toLowerCase().contains("<html"), "not an HTML page");
        assertTrue(page.body().contains("src=\"app.js\""), "the page does not load its script");

        // The script is bundled by the web module and served from its jar, beside the page.
        HttpResponse<String> script = WsPeer.PLAIN_HTTP.send(HttpRequest.newBuilder(
                URI.create(RelayDeployment.httpBase(base) + "/app.js")).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").contains("javascript"),
                () -> "Content-Type " + script.headers().firstValue("Content-Type"));
        assertTrue(script.body().contains("relay"), "app.js is not the page's script");
    }

    @ParameterizedTest(name = "{0} first")
    @ValueSource(strings = {"send", "receive"})
    void firstPeerWaitsThenBothArePaired(String firstRole) {
        String room = freshRoom();
        String secondRole = firstRole.equals("send") ? "receive" : "send";
        try (WsPeer first = open(room, firstRole)) {
            first.expectText(WAITING);
            try (WsPeer second = open(room, secondRole)) {
                first.expectText(PAIRED);
                second.expectText(PAIRED);
            }
        }
    }

    @Test
    void forwardsFramesInOrderBothWaysKeepingTheirKind() throws Exception {
        List<Frame> forth = mixedFrames(50, 1);
        List<Frame> back = mixedFrames(20, 2);
        try (Pair pair = pair(freshRoom())) {
            // Both directions at once: the relay must not serialize one room's two streams.
            CompletableFuture<Void> sendingBack = CompletableFuture.runAsync(() -> back.forEach(pair.receiver()::send));
            forth.forEach(pair.sender()::send);
            sendingBack.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            forth.forEach(pair.receiver()::expect);
            back.forEach(pair.sender()::expect);
        }
    }

    @Test
    void keepsRoomsApart() {
        try (Pair one = pair(freshRoom()); Pair two = pair(freshRoom())) {
            for (int i = 0; i < 20; i++) {
                one.sender().sendText("one " + i);
                two.sender().sendText("two " + i);
                two.receiver().sendBinary(new byte[] {2, (byte) i});
                one.receiver().sendBinary(new byte[] {1, (byte) i});
            }
            for (int i = 0; i < 20; i++) {
                one.receiver().expectText("one " + i);
                two.receiver().expectText("two " + i);
                one.sender().expect(new Binary(new byte[] {1, (byte) i}));
                two.sender().expect(new Binary(new byte[] {2, (byte) i}));
            }
            // A frame that crossed rooms would show up before the close its room's peer causes.
            one.sender().close();
            one.receiver().expectClose(4002);
            two.receiver().close();
            two.sender().expectClose(4002);
        }
    }

    @ParameterizedTest(name = "second {0}")
    @ValueSource(strings = {"send", "receive"})
    void refusesASecondPeerOfTheSameRole(String role) {
        String room = freshRoom();
        try (Pair pair = pair(room)) {
            try (WsPeer intruder = open(room, role)) {
                intruder.expectClose(4001);
            }
            pair.assertStillForwards();
        }
    }

    @ParameterizedTest(name = "{0} leaves by {1}")
    @CsvSource({"sender, close", "sender, drop", "receiver, close", "receiver, drop"})
    void closesThePartnerOfALeavingPeerAndFreesTheRoom(String leaving, String how) {
        String room = freshRoom();
        try (Pair pair = pair(room)) {
            WsPeer leaver = leaving.equals("sender") ? pair.sender() : pair.receiver();
            WsPeer stayer = leaving.equals("sender") ? pair.receiver() : pair.sender();
            List<Binary> chunks = IntStream.range(0, 10).mapToObj(i -> randomBinary(64 * 1024, i)).toList();
            chunks.forEach(pair.sender()::send);
            pair.receiver().expect(chunks.get(0));

            long left = System.nanoTime();
            if (how.equals("drop")) {
                leaver.drop();
            } else {
                leaver.close();
            }
            assertEquals(4002, stayer.closeCode());
            Duration took = Duration.ofNanos(System.nanoTime() - left);
            assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "4002 came only after " + took);
        }
        try (Pair again = pair(room)) {
            again.assertStillForwards();
        }
    }

    @Test
    void refusesAFrameBeforePaired() {
        try (WsPeer early = open(freshRoom(), "send")) {
            early.expectText(WAITING);
            early.sendText("{\"type\":\"hello\"}");
            early.expectClose(4000);
        }
    }

    /** Refused before the upgrade (UpgradeGate), with the reason in a header the client prints. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "v1/7/both | expected /relay/v1/ROOM/send",
        "v1/bad-room/send | expected /relay/v1/ROOM/send",
        "v1/a!b/receive | expected /relay/v1/ROOM/send",
        "v1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/send | expected /relay/v1/ROOM/send",
        "v1/7 | expected /relay/v1/ROOM/send",
        "v1/7/send/more | expected /relay/v1/ROOM/send",
        "v2/7/send | this relay speaks v1"})
    void refusesABadPathAtTheUpgrade(String path, String reason) {
        WsPeer.Refused refused = WsPeer.refusedUpgrade(RelayDeployment.endpoint(base, path), Map.of());
        assertEquals(400, refused.status());
        assertTrue(refused.reason().startsWith(reason), refused.reason());
    }

    @Test
    void forwardsAFrameOfExactlyTheCap() {
        try (Pair pair = pair(freshRoom())) {
            Frame largest = randomBinary(MAX_FRAME, 3);
            pair.sender().send(largest);
            pair.receiver().expect(largest);
        }
    }

    @Test
    void closesAFrameAboveTheCapWith1009() {
        assertRefusedAsTooLarge(MAX_FRAME + 1, 1009);
    }

    /**
     * A frame larger than the server's own input buffer (16 MiB in web.xml) never reaches the relay:
     * Tyrus ends the connection with 1011, as docs/protocol.md §2.3 notes. It is not forwarded either.
     */
    @Test
    void closesAFrameBeyondTheServersBufferWith1011() {
        assertRefusedAsTooLarge(16 * 1024 * 1024 + 1, 1011);
    }

    @Test
    void carriesAWholeTransferOfTheClientLibrary(@TempDir Path temp) throws Exception {
        Path source = FileTrees.sample(Files.createDirectories(temp.resolve("from")));
        Path output = Files.createDirectories(temp.resolve("to"));
        Transfers.assertCarried(RelayDeployment.httpBase(base), source, output);
    }

    /**
     * A sender making a new code leaves a room that another sender holds (4001) and one where a
     * receiver already waits (nobody could know a code that did not exist yet), and takes the next.
     */
    @Test
    void aNewCodeAvoidsATakenRoomAndOneWhereSomeoneAlreadyWaits() throws Exception {
        long seed = System.nanoTime();
        CodeGenerator predicted = new CodeGenerator(2, new Random(seed));
        Code taken = predicted.generate(0);
        Code squatted = predicted.generate(1);
        Code expected = predicted.generate(2);
        assumeTrue(Set.of(taken.room(), squatted.room(), expected.room()).size() == 3, "the rooms drawn collide");
        String server = RelayDeployment.httpBase(base);
        CompletableFuture<String> announced = new CompletableFuture<>();
        TransferListener listener = new TransferListener() {
            @Override
            public void pairing(String code) {
                announced.complete(code);
            }
        };
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try (WsPeer holder = open(taken.room(), "send"); WsPeer squatter = open(squatted.room(), "receive")) {
            holder.expectText(WAITING);
            squatter.expectText(WAITING);
            Future<Pairing.Paired> paired = sender.submit(() -> Pairing.connectWithNewCode(server, RelayAccess.DIRECT,
                    new CodeGenerator(2, new Random(seed)), listener, () -> { }));

            assertEquals(expected.password(), announced.get(30, TimeUnit.SECONDS));
            squatter.expectText(PAIRED);
            squatter.expectClose(4002); // the new code's sender paired with it, then left
            try (WsPeer receiver = open(expected.room(), "receive")) {
                receiver.expectText(PAIRED);
                try (RelayConnection relay = paired.get(30, TimeUnit.SECONDS).relay()) {
                    assertEquals(expected.password(), paired.get().code().password());
                }
            }
        } finally {
            sender.shutdownNow();
        }
    }

    private WsPeer open(String room, String role) {
        return WsPeer.connect(RelayDeployment.endpoint(base, room, role));
    }

    private Pair pair(String room) {
        return Pair.open(base, room, Map.of());
    }

    private void assertRefusedAsTooLarge(int size, int closeCode) {
        try (Pair pair = pair(freshRoom())) {
            pair.sender().send(randomBinary(size, 4));
            pair.sender().expectClose(closeCode);
            pair.receiver().expectClose(4002);
        }
    }

    /**
     * Binary frames around the WebSocket length encodings (125/126, 65535/65536) and up to the
     * largest chunk, with a text frame after every fifth.
     */
    private static List<Frame> mixedFrames(int binaries, long seed) {
        int[] edges = {1, 41, 125, 126, 127, 65535, 65536, 65537, LARGEST_CHUNK - 1, LARGEST_CHUNK};
        Random random = new Random(seed);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < binaries; i++) {
            int size = i < edges.length ? edges[i] : 1 + random.nextInt(LARGEST_CHUNK);
            frames.add(randomBinary(size, seed * 1000 + i));
            if (i % 5 == 4) {
                frames.add(new Text("{\"type\":\"note\",\"after\":" + i + "}"));
            }
        }
        return frames;
    }

    private static Binary randomBinary(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return new Binary(bytes);
    }
}
