package org.p2pcopy.relay;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open rooms: the relay's only state. A room exists while at least one of its peers is
 * connected; it pairs the first sender with the first receiver and refuses any further peer of a
 * role already present.
 */
final class RoomRegistry {
    private static final Logger LOG = Logger.getLogger(RoomRegistry.class.getName());
    static final String WAITING = "{\"relay\":\"waiting\"}";
    static final String PAIRED = "{\"relay\":\"paired\"}";

    private static volatile RoomRegistry instance = new RoomRegistry(RelaySettings.defaults());

    private final RelaySettings settings;
    private final Map<String, Room> rooms = new HashMap<>();
    private boolean closing;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "p2p-copy-relay-timer");
        thread.setDaemon(true);
        return thread;
    });

    /** A room's two slots and the timer that drops a peer waiting alone. */
    private static final class Room {
        Peer sender;
        Peer receiver;
        ScheduledFuture<?> waitTimer;

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
    }

    RoomRegistry(RelaySettings settings) {
        this.settings = settings;
    }

    static RoomRegistry instance() {
        return instance;
    }

    /** Replaces the registry when the application starts with its configured settings. */
    static void install(RoomRegistry registry) {
        RoomRegistry old = instance;
        instance = registry;
        old.shutdown();
    }

    /**
     * Adds a peer to its room: it waits for its partner or, when the partner is there, both are
     * paired and told so. The peer's send lock is held throughout, so the signal "waiting" always
     * reaches it before "paired".
     */
    void join(Peer peer) {
        Peer partner;
        synchronized (peer.sendLock()) {
            synchronized (this) {
                if (closing) {
                    peer.close(CloseCode.GOING_AWAY, null);
                    return;
                }
                Room room = rooms.computeIfAbsent(peer.room(), key -> new Room());
                if (room.get(peer.role()) != null) {
                    peer.close(CloseCode.ROOM_TAKEN, "a " + peer.role().name().toLowerCase(java.util.Locale.ROOT)
                            + " is already in this room");
                    return;
                }
                room.set(peer.role(), peer);
                partner = room.get(peer.role().other());
                if (partner == null) {
                    room.waitTimer = timers.schedule(() -> dropIfAlone(peer),
                            settings.waitTimeout().toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    room.waitTimer.cancel(false);
                    room.waitTimer = null;
                    peer.pairWith(partner);
                    partner.pairWith(peer);
                }
            }
            if (partner == null) {
                signal(peer, WAITING);
                return;
            }
        }
        // The waiting peer first: the newcomer only starts talking once told it is paired.
        signal(partner, PAIRED);
        signal(peer, PAIRED);
    }

    /** Frees the peer's slot and tells its partner at once that it left. */
    void leave(Peer peer) {
        Peer partner;
        synchronized (this) {
            Room room = rooms.get(peer.room());
            if (room == null || room.get(peer.role()) != peer) {
                return;
            }
            partner = room.get(peer.role().other());
            if (room.waitTimer != null) {
                room.waitTimer.cancel(false);
            }
            rooms.remove(peer.room());
        }
        if (partner != null) {
            partner.close(CloseCode.PEER_LEFT, null);
        }
    }

    synchronized int openRooms() {
        return rooms.size();
    }

    private void dropIfAlone(Peer peer) {
        synchronized (this) {
            Room room = rooms.get(peer.room());
            if (room == null || room.get(peer.role()) != peer || peer.partner() != null) {
                return;
            }
            rooms.remove(peer.room());
        }
        peer.close(CloseCode.WAITED_TOO_LONG, "no peer within " + settings.waitTimeout().toSeconds() + " s");
    }

    private static void signal(Peer peer, String signal) {
        try {
            peer.sendText(signal);
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not signal " + peer, e);
            peer.close(CloseCode.PEER_LEFT, null);
        }
    }

    /**
     * Closes every connection with "going away" as the application stops. The server would close
     * them too, but one by one, after this: each close would reach {@link #leave} first and tell
     * the partner, still connected, that its peer left — the wrong reason, and the wrong exit code.
     */
    void shutdown() {
        timers.shutdownNow();
        List<Peer> peers = new ArrayList<>();
        synchronized (this) {
            closing = true;
            for (Room room : rooms.values()) {
                for (Role role : Role.values()) {
                    if (room.get(role) != null) {
                        peers.add(room.get(role));
                    }
                }
            }
            rooms.clear();
        }
        peers.forEach(peer -> peer.close(CloseCode.GOING_AWAY, null));
    }
}
