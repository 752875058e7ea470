package org.p2pcopy.relay;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2pcopy.relay.RelayDeployment.freshRoom;
import static org.p2pcopy.relay.WsPeer.PAIRED;
import static org.p2pcopy.relay.WsPeer.WAITING;

import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The relay's wait limit (4003), shortened to 2 s through web.xml as an operator would. */
@ExtendWith(ArquillianExtension.class)
class WaitTimeoutTest {
    private static final Duration LIMIT = Duration.ofSeconds(2);

    @Deployment(testable = false)
    static WebArchive relay() {
        return RelayDeployment.warWithWaitTimeout((int) LIMIT.toSeconds());
    }

    @ArquillianResource
    URL base;

    @ParameterizedTest(name = "lone {0}")
    @ValueSource(strings = {"send", "receive"})
    void closesALonePeerAfterTheLimit(String role) {
        try (WsPeer lone = open(freshRoom(), role)) {
            lone.expectText(WAITING);
            long start = System.nanoTime();
            lone.expectClose(4003);
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(waited.compareTo(LIMIT.minusMillis(500)) > 0, "closed after only " + waited);
            assertTrue(waited.compareTo(LIMIT.plusSeconds(3)) < 0, "closed only after " + waited);
        }
    }

    @Test
    void leavesAPairedPeerAlone() {
        String room = freshRoom();
        try (WsPeer sender = open(room, "send")) {
            sender.expectText(WAITING);
            try (WsPeer receiver = open(room, "receive")) {
                sender.expectText(PAIRED);
                receiver.expectText(PAIRED);
                // Waiting is the point here: the limit must not strike once the peers are paired.
                assertNull(sender.poll(LIMIT.plusSeconds(1)));
                receiver.sendText("still paired");
                sender.expectText("still paired");
            }
        }
    }

    private WsPeer open(String room, String role) {
        return WsPeer.connect(RelayDeployment.endpoint(base, room, role));
    }
}
