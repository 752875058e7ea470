package org.p2pcopy.relay;

import java.util.concurrent.ScheduledFuture;

/** A room's two slots, the timer that drops a peer waiting alone, and when it opened and paired. */
final class Room {
    final String name;
    final long openedNanos = System.nanoTime();
    private Peer sender;
    private Peer receiver;
    ScheduledFuture<?> waitTimer;
    /** 0 until paired. */
    long pairedNanos;

    Room(String name) {
        this.name = name;
    }

    Peer get(Role role) {
        return role == Role.SEND ? sender : receiver;
    }

    void set(Role role, Peer peer) {
        if (role == Role.SEND) {
            sender = peer;
        } else {
            receiver = peer;
        }
    }

    boolean paired() {
        return pairedNanos != 0;
    }

    /** When a frame last crossed, or the pairing itself: what the idle limit measures from. */
    long lastActivityNanos() {
        long last = pairedNanos;
        for (Role role : Role.values()) {
            Peer peer = get(role);
            if (peer != null && peer.lastFrameNanos() - last > 0) {
                last = peer.lastFrameNanos();
            }
        }
        return last;
    }
}
