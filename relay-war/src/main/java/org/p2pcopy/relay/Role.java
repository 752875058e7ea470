package org.p2pcopy.relay;

/** The two sides of a room, as they appear in the endpoint path. */
enum Role {
    SEND, RECEIVE;

    static Role fromPath(String segment) {
        return switch (segment) {
            case "send" -> SEND;
            case "receive" -> RECEIVE;
            default -> null;
        };
    }

    /** The peer of this role, as the log and the close reasons name it. */
    String noun() {
        return this == SEND ? "sender" : "receiver";
    }

    Role other() {
        return this == SEND ? RECEIVE : SEND;
    }
}
