package org.p2pcopy.client.transport;

import org.p2pcopy.client.Failure;

/**
 * The relay's close codes (docs/protocol.md §2.3) and what the client tells its user about each.
 * The relay declares the same numbers; both are checked against docs/vectors/close-codes.json.
 * The codes a peer closes with are {@link PeerCloseCode}.
 */
public enum RelayCloseCode {
    GOING_AWAY(1001, Failure.RELAY, "the relay is shutting down"),
    FRAME_TOO_LARGE(1009, Failure.RELAY, "the relay refused a frame as too large"),
    RELAY_BUSY(1013, Failure.RELAY, "the relay is busy (too many transfers at once): try again in a few minutes"),
    BAD_REQUEST(4000, Failure.RELAY, "the relay refused the request"),
    ROOM_TAKEN(4001, Failure.RELAY, "someone else is already using this code: pick another code"),
    PEER_LEFT(4002, Failure.PEER, "the other side left before the transfer was complete"),
    WAITED_TOO_LONG(4003, Failure.RELAY, "nobody joined with this code in time: the relay stopped waiting"),
    UNSUPPORTED_VERSION(4004, Failure.RELAY, "the relay does not speak this client's protocol version"),
    TOO_MANY_CONNECTIONS(4005, Failure.RELAY,
            "the relay refused: too many connections from this address in the last minute; try again shortly"),
    TOO_MANY_FAILED_PAIRINGS(4006, Failure.RELAY,
            "the relay refused: too many failed pairings (wrong codes) from this address; "
                    + "wait a minute and check the code"),
    IDLE(4007, Failure.RELAY, "the relay ended the transfer: nothing moved for too long");

    private final int code;
    private final Failure failure;
    private final String explanation;

    RelayCloseCode(int code, Failure failure, String explanation) {
        this.code = code;
        this.failure = failure;
        this.explanation = explanation;
    }

    public int code() {
        return code;
    }

    public Failure failure() {
        return failure;
    }

    public String explanation() {
        return explanation;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static RelayCloseCode of(int code) {
        for (RelayCloseCode known : values()) {
            if (known.code == code) {
                return known;
            }
        }
        return null;
    }
}
