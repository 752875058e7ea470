package org.p2pcopy.client.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the client says when the upgrade to a WebSocket fails (docs/protocol.md §2.1). */
class RelayRefusalTest {
    @Test
    void aRelayThatRefusesSaysWhy() {
        assertEquals("it refused the connection (HTTP 400: this relay speaks v1)",
                RelayConnection.refusal(400, headers("P2P-Copy-Refusal", "this relay speaks v1")));
        assertEquals("it refused the connection (HTTP 403: origin https://elsewhere.test is not allowed)",
                RelayConnection.refusal(403, headers("p2p-copy-refusal", " origin https://elsewhere.test is not allowed ")));
    }

    @Test
    void anotherServerGetsTheHintAboutThePath() {
        assertEquals("it answered HTTP 404: is this a p2p-copy relay, and is the path right?",
                RelayConnection.refusal(404, headers("Server", "nginx")));
        assertEquals("it answered HTTP 502", RelayConnection.refusal(502, headers("P2P-Copy-Refusal", " ")));
    }

    @Test
    void controlCharactersInTheReasonAreEscaped() {
        assertEquals("it refused the connection (HTTP 400: bad\\u001b[2Jroom)",
                RelayConnection.refusal(400, headers("P2P-Copy-Refusal", "bad\u001b[2Jroom")));
    }

    private static HttpHeaders headers(String name, String value) {
        return HttpHeaders.of(Map.of(name, List.of(value)), (n, v) -> true);
    }
}
