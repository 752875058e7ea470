package org.p2pcopy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2pcopy.relay.RelayDeployment.freshRoom;
import static org.p2pcopy.relay.WsPeer.PAIRED;
import static org.p2pcopy.relay.WsPeer.TIMEOUT;
import static org.p2pcopy.relay.WsPeer.WAITING;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The relay's limits, each set small in web.xml as an operator would, behind a trusted proxy on
 * 127.0.0.1: every test's peers come from addresses of their own through {@code X-Forwarded-For},
 * so that one test's budget is not another's.
 */
@ExtendWith(ArquillianExtension.class)
class LimitsTest {
    private static final Duration WAIT = Duration.ofSeconds(2);
    private static final Duration IDLE = Duration.ofSeconds(2);
    private static final int MAX_ROOMS = 4;
    private static final int MAX_CONNECTIONS = 6;
    private static final int MAX_TRANSFERS = 2;
    private static final int CONNECTIONS_PER_MINUTE = 5;
    private static final int FAILED_PAIRINGS_PER_MINUTE = 2;
    private static final String ALLOWED_ORIGIN = "https://files.example";
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @Deployment(testable = false)
    static WebArchive relay() {
        return RelayDeployment.warWith(Map.of(
                RelaySettings.WAIT_TIMEOUT_SECONDS, String.valueOf(WAIT.toSeconds()),
                RelaySettings.IDLE_TIMEOUT_SECONDS, String.valueOf(IDLE.toSeconds()),
                RelaySettings.MAX_ROOMS, String.valueOf(MAX_ROOMS),
                RelaySettings.MAX_CONNECTIONS, String.valueOf(MAX_CONNECTIONS),
                RelaySettings.MAX_TRANSFERS, String.valueOf(MAX_TRANSFERS),
                RelaySettings.CONNECTIONS_PER_MINUTE, String.valueOf(CONNECTIONS_PER_MINUTE),
                RelaySettings.FAILED_PAIRINGS_PER_MINUTE, String.valueOf(FAILED_PAIRINGS_PER_MINUTE),
                RelaySettings.ALLOWED_ORIGINS, ALLOWED_ORIGIN,
                RelaySettings.TRUSTED_PROXIES, "127.0.0.1"));
    }

    @ArquillianResource
    URL base;

    /** Each test starts on an empty relay, since the caps count what other tests left open. */
    @BeforeEach
    void relayIsEmpty() throws Exception {
        awaitRooms(0);
    }

    /** Closes reach the relay a moment after the peer sends them: waits until it counts {@code rooms} and as many peers. */
    private void awaitRooms(int rooms) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        JsonObject data = readiness().data();
        while ((data.getInt("rooms") != rooms || data.getInt("connections") != rooms) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            data = readiness().data();
        }
        assertEquals(rooms, data.getInt("rooms"), "rooms: " + data);
        assertEquals(rooms, data.getInt("connections"), "connections: " + data);
    }

    @ParameterizedTest(name = "lone {0}")
    @ValueSource(strings = {"send", "receive"})
    void closesALonePeerAfterTheWaitLimit(String role) {
        try (WsPeer lone = open(freshRoom(), role, newAddress())) {
            lone.expectText(WAITING);
            long start = System.nanoTime();
            lone.expectClose(4003);
            assertWithin(WAIT, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    @Test
    void closesBothPeersOfARoomThroughWhichNothingMoves() {
        String room = freshRoom();
        try (WsPeer sender = open(room, "send", newAddress()); WsPeer receiver = open(room, "receive", newAddress())) {
            sender.expectText(WAITING);
            sender.expectText(PAIRED);
            receiver.expectText(PAIRED);
            long start = System.nanoTime();
            sender.expectClose(4007);
            receiver.expectClose(4007);
            // The sweep runs every quarter of the limit: the room may outlive it by that much.
            assertWithin(IDLE.plus(IDLE.dividedBy(4)), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    @Test
    void leavesARoomThroughWhichFramesMoveAlone() throws Exception {
        String room = freshRoom();
        try (WsPeer sender = open(room, "send", newAddress()); WsPeer receiver = open(room, "receive", newAddress())) {
            sender.expectText(WAITING);
            sender.expectText(PAIRED);
            receiver.expectText(PAIRED);
            // Twice the limit, a frame every quarter of it, alternately each way.
            for (int i = 0; i < 8; i++) {
                Thread.sleep(IDLE.dividedBy(4).toMillis());
                WsPeer from = i % 2 == 0 ? sender : receiver;
                WsPeer to = i % 2 == 0 ? receiver : sender;
                from.sendText("frame " + i);
                to.expectText("frame " + i);
            }
        }
    }

    @Test
    void refusesAnAddressPastItsConnectionsAMinuteButNoOtherAddress() {
        String flooding = newAddress();
        for (int i = 0; i < CONNECTIONS_PER_MINUTE; i++) {
            try (WsPeer admitted = open(freshRoom(), "send", flooding)) {
                admitted.expectText(WAITING);
            }
        }
        try (WsPeer refused = open(freshRoom(), "send", flooding)) {
            WsPeer.Closed closed = assertInstanceOf(WsPeer.Closed.class, refused.next());
            assertEquals(4005, closed.code());
            assertTrue(closed.reason().contains("try again in"), closed.reason());
        }
        try (WsPeer elsewhere = open(freshRoom(), "send", newAddress())) {
            elsewhere.expectText(WAITING);
        }
    }

    @Test
    void refusesAnAddressWhosePartnersReportedWrongCodesTooOften() {
        String guesser = newAddress();
        String honest = newAddress();
        for (int i = 0; i < FAILED_PAIRINGS_PER_MINUTE; i++) {
            String room = freshRoom();
            try (WsPeer guessing = open(room, "send", guesser); WsPeer victim = open(room, "receive", honest)) {
                guessing.expectText(WAITING);
                guessing.expectText(PAIRED);
                victim.expectText(PAIRED);
                victim.closeWith(CloseCode.WRONG_CODE_FROM_PEER);
                guessing.expectClose(4002);
            }
        }
        try (WsPeer refused = open(freshRoom(), "send", guesser)) {
            assertEquals(4006, refused.closeCode());
        }
        try (WsPeer stillWelcome = open(freshRoom(), "receive", honest)) {
            stillWelcome.expectText(WAITING);
        }
    }

    @Test
    void refusesNewRoomsPastTheRoomCapAndIsNotReadyMeanwhile() throws Exception {
        List<WsPeer> lone = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_ROOMS; i++) {
                lone.add(open(freshRoom(), "send", newAddress()));
                lone.get(i).expectText(WAITING);
            }
            assertEquals(503, readiness().status());
            try (WsPeer refused = open(freshRoom(), "send", newAddress())) {
                refused.expectClose(1013);
            }
            lone.remove(0).close();
            awaitRooms(MAX_ROOMS - 1);
            assertEquals(200, readiness().status());
            try (WsPeer admitted = open(freshRoom(), "send", newAddress())) {
                admitted.expectText(WAITING);
            }
        } finally {
            lone.forEach(WsPeer::close);
        }
    }

    @Test
    void refusesConnectionsPastTheConnectionCap() {
        List<WsPeer> peers = new ArrayList<>();
        try {
            pairAsManyAsAllowed(peers);
            while (peers.size() < MAX_CONNECTIONS) {
                peers.add(open(freshRoom(), "send", newAddress()));
                peers.get(peers.size() - 1).expectText(WAITING);
            }
            try (WsPeer refused = open(freshRoom(), "send", newAddress())) {
                refused.expectClose(1013);
            }
        } finally {
            peers.forEach(WsPeer::close);
        }
    }

    @Test
    void refusesAPairingPastTheTransferCapWhileItsPartnerWaitsOn() throws Exception {
        List<WsPeer> peers = new ArrayList<>();
        try {
            pairAsManyAsAllowed(peers);
            String room = freshRoom();
            try (WsPeer waiting = open(room, "send", newAddress())) {
                waiting.expectText(WAITING);
                try (WsPeer refused = open(room, "receive", newAddress())) {
                    WsPeer.Closed closed = assertInstanceOf(WsPeer.Closed.class, refused.next());
                    assertEquals(1013, closed.code());
                    assertTrue(closed.reason().contains(MAX_TRANSFERS + " transfers"), closed.reason());
                }
                assertEquals(503, readiness().status());
                peers.remove(0).close();
                awaitTransfers(MAX_TRANSFERS - 1);
                try (WsPeer later = open(room, "receive", newAddress())) {
                    later.expectText(PAIRED);
                    waiting.expectText(PAIRED);
                }
            }
        } finally {
            peers.forEach(WsPeer::close);
        }
    }

    @Test
    void letsListedOriginsAndItsOwnPageInButNoOtherPage() {
        try (WsPeer listed = WsPeer.connect(endpoint(freshRoom(), "send"), Map.of("Origin", ALLOWED_ORIGIN,
                "X-Forwarded-For", newAddress()))) {
            listed.expectText(WAITING);
        }
        String ownPage = RelayDeployment.httpBase(base);
        try (WsPeer own = WsPeer.connect(endpoint(freshRoom(), "send"), Map.of("Origin", ownPage,
                "X-Forwarded-For", newAddress()))) {
            own.expectText(WAITING);
        }
        WsPeer.Refused foreign = WsPeer.refusedUpgrade(endpoint(freshRoom(), "send"),
                Map.of("Origin", "https://evil.example", "X-Forwarded-For", newAddress()));
        assertEquals(403, foreign.status());
        assertTrue(foreign.reason().contains("https://evil.example"), foreign.reason());
    }

    /** Pairs MAX_TRANSFERS rooms, each peer added to {@code peers} as soon as it is open, for the caller to close. */
    private void pairAsManyAsAllowed(List<WsPeer> peers) {
        for (int i = 0; i < MAX_TRANSFERS; i++) {
            String room = freshRoom();
            WsPeer sender = open(room, "send", newAddress());
            peers.add(sender);
            sender.expectText(WAITING);
            WsPeer receiver = open(room, "receive", newAddress());
            peers.add(receiver);
            receiver.expectText(PAIRED);
        }
    }

    private void awaitTransfers(int transfers) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (readiness().data().getInt("transfers") != transfers && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(transfers, readiness().data().getInt("transfers"));
    }

    private record Readiness(int status, JsonObject data) {
    }

    private Readiness readiness() throws Exception {
        HttpResponse<String> response = WsPeer.PLAIN_HTTP.send(HttpRequest.newBuilder(
                URI.create(RelayDeployment.httpBase(base) + "/health/ready")).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonObject health = Json.createReader(new StringReader(response.body())).readObject();
        JsonObject relay = health.getJsonArray("checks").stream().map(check -> check.asJsonObject())
                .filter(check -> check.getString("name").equals("p2p-copy-relay")).findFirst().orElseThrow();
        JsonObject data = relay.getJsonObject("data");
        // MicroProfile Health reports numbers given as data as strings.
        return new Readiness(response.statusCode(), Json.createObjectBuilder()
                .add("rooms", Integer.parseInt(data.getString("rooms")))
                .add("connections", Integer.parseInt(data.getString("connections")))
                .add("transfers", Integer.parseInt(data.getString("transfers"))).build());
    }

    private WsPeer open(String room, String role, String address) {
        return WsPeer.connect(endpoint(room, role), Map.of("X-Forwarded-For", address));
    }

    private URI endpoint(String room, String role) {
        return RelayDeployment.endpoint(base, room, role);
    }

    /** An address no other test uses (TEST-NET-2 and -3, RFC 5737). */
    private static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return (n < 255 ? "198.51.100." : "203.0.113.") + (n % 255);
    }

    private static void assertWithin(Duration limit, Duration took) {
        assertTrue(took.compareTo(limit.minusMillis(500)) > 0, "closed after only " + took);
        assertTrue(took.compareTo(limit.plusSeconds(3)) < 0, "closed only after " + took);
    }
}
