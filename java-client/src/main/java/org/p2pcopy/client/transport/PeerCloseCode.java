package org.p2pcopy.client.transport;

import org.p2pcopy.client.Failure;

/**
 * The close codes a peer sends instead of a normal closure (docs/protocol.md §2.3). The relay parses
 * no frame between the peers, so a close code is the only way it learns that a pairing failed, which
 * it counts per address against people guessing codes.
 */
public enum PeerCloseCode {
    /** The key confirmation failed: this side's own check, or the peer said so with {@code wrong_code}. */
    WRONG_CODE(4100, Failure.WRONG_CODE);

    private final int code;
    private final Failure failure;

    PeerCloseCode(int code, Failure failure) {
        this.code = code;
        this.failure = failure;
    }

    public int code() {
        return code;
    }

    /** What this side reports when it closes with this code. */
    public Failure failure() {
        return failure;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
