package org.p2pcopy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry's bookkeeping without a server: sessions stand in for connections and record what they were told. */
class RoomRegistryTest {
    /** What one connection was sent and how it was closed. */
    private static final class Connection {
        final List<String> texts = new ArrayList<>();
        final List<Integer> closes = new ArrayList<>();
        boolean open = true;

        Session session() {
            RemoteEndpoint.Basic remote = (RemoteEndpoint.Basic) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {RemoteEndpoint.Basic.class}, (proxy, method, args) -> {
                        if (method.getName().equals("sendText")) {
                            texts.add((String) args[0]);
                        }
                        return null;
                    });
            return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getBasicRemote" -> remote;
                        case "isOpen" -> open;
                        case "getUserProperties" -> new HashMap<String, Object>();
                        case "close" -> {
                            closes.add(((CloseReason) args[0]).getCloseCode().getCode());
                            open = false;
                            yield null;
                        }
                        default -> null;
                    });
        }
    }

    private final RoomRegistry registry = new RoomRegistry(RelaySettings.defaults());
    private final Connection sender = new Connection();
    private final Connection receiver = new Connection();

    /** The sender first, then the receiver: a paired room 7. Returns the sender's peer. */
    private Peer pairInRoom7() {
        Peer sending = new Peer(sender.session(), "7", Role.SEND, ClientAddress.UNKNOWN);
        registry.join(sending);
        registry.join(new Peer(receiver.session(), "7", Role.RECEIVE, ClientAddress.UNKNOWN));
        return sending;
    }

    @Test
    void aStoppingRelayTellsBothPeersItIsGoingAwayNotThatTheirPartnerLeft() {
        Peer sending = pairInRoom7();

        registry.shutdown();
        // The server then closes the connections itself, one by one.
        registry.leave(sending, "1000");

        assertEquals(List.of(RoomRegistry.WAITING, RoomRegistry.PAIRED), sender.texts);
        assertEquals(List.of(CloseCode.GOING_AWAY.code()), sender.closes);
        assertEquals(List.of(CloseCode.GOING_AWAY.code()), receiver.closes);
        assertEquals(0, registry.openRooms());
    }

    @Test
    void aPeerThatLeavesAWorkingRelayIsReportedToItsPartner() {
        Peer sending = pairInRoom7();

        registry.leave(sending, "1000");

        assertEquals(List.of(CloseCode.PEER_LEFT.code()), receiver.closes);
        registry.shutdown();
    }

    @Test
    void aPeerArrivingAsTheRelayStopsIsTurnedAway() {
        registry.shutdown();
        Connection late = new Connection();

        registry.join(new Peer(late.session(), "7", Role.SEND, ClientAddress.UNKNOWN));

        assertEquals(List.of(CloseCode.GOING_AWAY.code()), late.closes);
        assertEquals(List.of(), late.texts);
    }
}
