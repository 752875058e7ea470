package org.p2pcopy.relay;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open rooms and the limits around them: the relay's only state. A room exists while at least
 * one of its peers is connected; it pairs the first sender with the first receiver and refuses any
 * further peer of a role already present.
 */
final class RoomRegistry {
    private static final Logger LOG = Logger.getLogger(RoomRegistry.class.getName());
    static final String WAITING = "{\"relay\":\"waiting\"}";
    static final String PAIRED = "{\"relay\":\"paired\"}";
    /** Addresses quiet for this long are forgotten by the rate limits. */
    private static final long LIMITS_SWEEP_SECONDS = 60;

    private static volatile RoomRegistry instance = new RoomRegistry(RelaySettings.defaults());

    private final RelaySettings settings;
    private final AddressLimits limits;
    private final Map<String, Room> rooms = new HashMap<>();
    private int pairedRooms;
    private boolean closing;
    private final AtomicInteger connections = new AtomicInteger();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "p2p-copy-relay-timer");
        thread.setDaemon(true);
        return thread;
    });

    RoomRegistry(RelaySettings settings) {
        this.settings = settings;
        this.limits = new AddressLimits(settings);
        // A quarter of the limit between sweeps: a room idles at most 25 % longer than allowed.
        long idleSweepMillis = Math.max(250, settings.idleTimeout().toMillis() / 4);
        timers.scheduleWithFixedDelay(this::closeIdleRooms, idleSweepMillis, idleSweepMillis, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(limits::sweep, LIMITS_SWEEP_SECONDS, LIMITS_SWEEP_SECONDS, TimeUnit.SECONDS);
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

    RelaySettings settings() {
        return settings;
    }

    /**
     * Counts a new connection and says why it must be turned away, or null. Every connection
     * counted here must be {@link #disconnected} once, refused or not.
     */
    Refusal connected(ClientAddress client) {
        if (connections.incrementAndGet() > settings.maxConnections()) {
            return busy(client, settings.maxConnections() + " connections open");
        }
        return limits.admit(client);
    }

    void disconnected() {
        connections.decrementAndGet();
    }

    /**
     * Adds a peer to its room: it waits for its partner or, when the partner is there, both are
     * paired and told so. The peer's send lock is held throughout, so that nothing reaches it
     * before its own signal.
     */
    void join(Peer peer) {
        synchronized (peer.sendLock()) {
            Refusal refusal;
            Room room = null;
            Peer partner = null;
            synchronized (this) {
                Room found = rooms.get(peer.room());
                refusal = refusal(found, peer);
                if (refusal == null) {
                    room = found != null ? found : open(peer.room());
                    partner = seat(room, peer);
                }
            }
            if (refusal != null) {
                RelayEvents.current().refused(refusal.code().wireName());
                peer.close(refusal.code(), refusal.detail());
            } else if (partner == null) {
                signal(peer, WAITING);
            } else {
                // Both are told under the newcomer's send lock: the waiting peer may start talking as
                // soon as it hears "paired", and what it says reaches the newcomer only after the
                // newcomer's own "paired", which it must see first (sends never nest: no deadlock).
                signal(partner, PAIRED);
                signal(peer, PAIRED);
                RelayEvents.current().paired();
                RoomLog.paired(room, room.get(Role.SEND), room.get(Role.RECEIVE));
            }
        }
    }

    /** Why {@code peer} may not join {@code room} (null: a room of its own yet to open), or null. */
    private Refusal refusal(Room room, Peer peer) {
        if (closing) {
            return new Refusal(CloseCode.GOING_AWAY, null);
        }
        if (room == null) {
            return rooms.size() >= settings.maxRooms() ? busy(peer.address(), settings.maxRooms() + " rooms open") : null;
        }
        if (room.get(peer.role()) != null) {
            return new Refusal(CloseCode.ROOM_TAKEN, "a " + peer.role().noun() + " is already in this room");
        }
        if (pairedRooms >= settings.maxTransfers()) {
            // The partner keeps waiting: it pairs with a newcomer who tries again later.
            return busy(peer.address(), settings.maxTransfers() + " transfers under way");
        }
        return null;
    }

    private Room open(String name) {
        Room room = new Room(name);
        rooms.put(name, room);
        return room;
    }

    /** Puts the peer in its slot; returns its partner, now paired with it, or null if it waits alone. */
    private Peer seat(Room room, Peer peer) {
        room.set(peer.role(), peer);
        Peer partner = room.get(peer.role().other());
        if (partner == null) {
            room.waitTimer = timers.schedule(() -> dropIfAlone(peer), settings.waitTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
        } else {
            room.waitTimer.cancel(false);
            room.waitTimer = null;
            room.pairedNanos = System.nanoTime();
            pairedRooms++;
            peer.pairWith(partner);
            partner.pairWith(peer);
        }
        return partner;
    }

    /**
     * Frees the peer's slot and tells its partner at once that it left.
     *
     * @param how the peer's close code, or what ended its connection, for the log
     */
    void leave(Peer peer, String how) {
        Peer partner;
        synchronized (this) {
            Room room = rooms.get(peer.room());
            if (room == null || room.get(peer.role()) != peer) {
                return;
            }
            partner = room.get(peer.role().other());
            RoomLog.closed(room, peer.role().noun() + " left (" + how + ")");
            remove(room);
        }
        if (partner != null) {
            partner.close(CloseCode.PEER_LEFT, null);
        }
    }

    /** A peer closed with 4100: its partner did not know the code, and its address pays for it. */
    void wrongCodeReported(Peer reporter) {
        Peer suspect = reporter.partner();
        if (suspect != null) {
            RelayEvents.current().failedPairing();
            limits.failedPairing(suspect.address());
        }
    }

    synchronized int openRooms() {
        return rooms.size();
    }

    synchronized int pairedRooms() {
        return pairedRooms;
    }

    int openConnections() {
        return connections.get();
    }

    /** Whether a new peer would be admitted: the relay is not stopping nor full. */
    synchronized boolean ready() {
        return !closing && rooms.size() < settings.maxRooms() && connections.get() < settings.maxConnections()
                && pairedRooms < settings.maxTransfers();
    }

    private void remove(Room room) {
        if (room.waitTimer != null) {
            room.waitTimer.cancel(false);
        }
        if (room.paired()) {
            pairedRooms--;
        }
        rooms.remove(room.name);
    }

    private static Refusal busy(ClientAddress client, String what) {
        Refusal refusal = new Refusal(CloseCode.RELAY_BUSY, what + ", as many as it may; try again later");
        LOG.fine(() -> "refused " + client + ": " + refusal.detail());
        return refusal;
    }

    private void dropIfAlone(Peer peer) {
        synchronized (this) {
            Room room = rooms.get(peer.room());
            if (room == null || room.get(peer.role()) != peer || room.paired()) {
                return;
            }
            RoomLog.closed(room, "no peer came within " + settings.waitTimeout().toSeconds() + " s");
            remove(room);
        }
        RelayEvents.current().refused(CloseCode.WAITED_TOO_LONG.wireName());
        peer.close(CloseCode.WAITED_TOO_LONG, "no peer within " + settings.waitTimeout().toSeconds() + " s");
    }

    /**
     * Ends paired rooms through which nothing moved within the idle limit: a peer that pairs and
     * then holds its partner without sending would otherwise keep both connections forever.
     */
    private void closeIdleRooms() {
        long now = System.nanoTime();
        long limit = settings.idleTimeout().toNanos();
        List<Room> idle = new ArrayList<>();
        synchronized (this) {
            for (Room room : List.copyOf(rooms.values())) {
                if (room.paired() && now - room.lastActivityNanos() > limit) {
                    RoomLog.closed(room, "idle for " + settings.idleTimeout().toSeconds() + " s");
                    idle.add(room);
                    remove(room);
                }
            }
        }
        for (Room room : idle) {
            RelayEvents.current().refused(CloseCode.IDLE.wireName());
            for (Role role : Role.values()) {
                room.get(role).close(CloseCode.IDLE, "no frame within " + settings.idleTimeout().toSeconds() + " s");
            }
        }
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
            if (!rooms.isEmpty()) {
                LOG.info("relay stopping: closing " + rooms.size() + " rooms");
            }
            rooms.clear();
            pairedRooms = 0;
        }
        peers.forEach(peer -> peer.close(CloseCode.GOING_AWAY, null));
    }
}
