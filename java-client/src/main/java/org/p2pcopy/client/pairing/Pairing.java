package org.p2pcopy.client.pairing;

import java.net.URI;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.RelayAccess;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.TransferListener;
import org.p2pcopy.client.protocol.Role;
import org.p2pcopy.client.transport.RelayAddress;
import org.p2pcopy.client.transport.RelayConnection;

/** Meets the other peer in a room of the relay: under a code the user typed, or under a new one. */
public final class Pairing {
    private Pairing() {
    }

    /** A connection paired with the other peer, and the code it was paired under. */
    public record Paired(Code code, RelayConnection relay) {
    }

    /**
     * Connects under the user's code and waits for the other peer, running {@code whileWaiting} if
     * this peer is the first in its room.
     */
    public static RelayConnection connect(String server, RelayAccess access, Code code, Role role,
            TransferListener listener, Runnable whileWaiting) throws TransferException {
        if (!code.hasSecret()) {
            listener.warning("the code has no '-', so the relay sees all of it and could pose as the other side; "
                    + "in codes like 7-crayon-orbit only the part before the first '-' reaches the relay");
        }
        URI endpoint = RelayAddress.endpoint(server, code.room(), role);
        listener.status("connecting to " + endpoint + via(access, endpoint));
        RelayConnection relay = RelayConnection.open(endpoint, access.trust(), access.proxy());
        return awaitPeer(relay, code, role, listener, whileWaiting);
    }

    /**
     * Claims a free room for a new code as the sender, tells the listener the code once the room is
     * ours, and waits for the receiver. A room that is taken, or where a receiver already waits
     * (nobody can know a code that did not exist yet), is left for another number.
     */
    public static Paired connectWithNewCode(String server, RelayAccess access, CodeGenerator generator,
            TransferListener listener, Runnable whileWaiting) throws TransferException {
        for (int attempt = 0; attempt < CodeGenerator.attempts(); attempt++) {
            Code code = generator.generate(attempt);
            URI endpoint = RelayAddress.endpoint(server, code.room(), Role.SENDER);
            if (attempt == 0) {
                listener.status("connecting to " + endpoint + via(access, endpoint));
            }
            RelayConnection relay = RelayConnection.open(endpoint, access.trust(), access.proxy());
            boolean claimed = false;
            try {
                if (relay.awaitSignal() == RelayConnection.Signal.WAITING) {
                    claimed = true;
                    listener.pairing(code.password());
                    listener.status("waiting for the receiver to join room " + code.room());
                    whileWaiting.run();
                    return new Paired(code, awaitPeer(relay, code, Role.SENDER, listener, () -> { }));
                }
            } finally {
                if (!claimed) {
                    relay.close();
                }
            }
        }
        throw new TransferException(Failure.RELAY, "found no free room on the relay after "
                + CodeGenerator.attempts() + " attempts: is it overloaded?");
    }

    /** " through proxy:port" when a proxy is used, for the status line. */
    private static String via(RelayAccess access, URI endpoint) {
        java.net.InetSocketAddress proxy = access.proxy().proxyFor(endpoint);
        return proxy == null ? "" : " through the proxy " + proxy.getHostString() + ":" + proxy.getPort();
    }

    private static RelayConnection awaitPeer(RelayConnection relay, Code code, Role role, TransferListener listener,
            Runnable whileWaiting) throws TransferException {
        try {
            relay.awaitPaired(() -> {
                listener.status("waiting for the " + role.other().wireName() + " to join room " + code.room());
                whileWaiting.run();
            });
        } catch (TransferException e) {
            relay.close();
            throw e;
        }
        listener.status("paired");
        return relay;
    }
}
