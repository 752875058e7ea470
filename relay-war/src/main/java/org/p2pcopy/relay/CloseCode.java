package org.p2pcopy.relay;

import jakarta.websocket.CloseReason;

/**
 * The close codes with which the relay ends a connection (docs/protocol.md §2.3). The relay never
 * speaks to a peer in any other way, apart from its two signals, so these are its whole vocabulary
 * for failure.
 */
public enum CloseCode {
    GOING_AWAY(1001, "the relay is shutting down"),
    FRAME_TOO_LARGE(1009, "frame too large"),
    RELAY_BUSY(1013, "the relay is busy"),
    BAD_REQUEST(4000, "bad request"),
    ROOM_TAKEN(4001, "room taken"),
    PEER_LEFT(4002, "peer left"),
    WAITED_TOO_LONG(4003, "waited too long for a peer"),
    UNSUPPORTED_VERSION(4004, "unsupported protocol version"),
    TOO_MANY_CONNECTIONS(4005, "too many connections from this address"),
    TOO_MANY_FAILED_PAIRINGS(4006, "too many failed pairings from this address"),
    IDLE(4007, "nothing moved for too long");

    /**
     * The close code with which a peer ends its connection after a wrong code (docs/protocol.md
     * §2.3): the one thing about a pairing's outcome the relay learns, and counts per address.
     */
    static final int WRONG_CODE_FROM_PEER = 4100;

    private final int code;
    private final String reason;

    CloseCode(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    /** The name used in the protocol document and its vectors, e.g. {@code room_taken}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    CloseReason reason(String detail) {
        String text = detail == null ? reason : reason + ": " + detail;
        // RFC 6455 allows 123 bytes of reason; the detail is for people, so cutting it is harmless.
        while (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 123) {
            text = text.substring(0, text.length() - 1);
        }
        return new CloseReason(CloseReason.CloseCodes.getCloseCode(code), text);
    }
}
