package org.p2pcopy.relay;

import java.util.Locale;
import java.util.logging.Logger;

/**
 * The operator's log: one line when a room pairs and one when it closes, with the room, the
 * addresses, the bytes each way and how long it lasted. The room is the code's public part; the
 * rest of the code never reaches the relay, so no log can hold it.
 */
final class RoomLog {
    private static final Logger LOG = Logger.getLogger("org.p2pcopy.relay.rooms");

    private RoomLog() {
    }

    static void paired(Room room, Peer sender, Peer receiver) {
        LOG.info(() -> String.format(Locale.ROOT, "room %s paired: sender %s, receiver %s, after %s waiting",
                room.name, sender.address(), receiver.address(), seconds(room.pairedNanos - room.openedNanos)));
    }

    /** @param why what ended it, e.g. "sender left (1000)" or "idle" */
    static void closed(Room room, String why) {
        long now = System.nanoTime();
        StringBuilder line = new StringBuilder("room ").append(room.name).append(" closed: ").append(why)
                .append(", open ").append(seconds(now - room.openedNanos));
        if (room.paired()) {
            line.append(", paired ").append(seconds(now - room.pairedNanos));
        }
        for (Role role : Role.values()) {
            Peer peer = room.get(role);
            if (peer != null) {
                line.append("; ").append(role.noun()).append(' ').append(peer.address()).append(" sent ")
                        .append(peer.forwardedBytes()).append(" bytes");
            }
        }
        LOG.info(line::toString);
    }

    /** A refusal for a limit, once a minute per address and limit so that a flood does not flood the log too. */
    static void refused(ClientAddress client, CloseCode code, String detail) {
        LOG.info(() -> "refused " + client + ": " + code.wireName() + " (" + detail + ")");
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
