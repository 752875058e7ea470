package org.p2pcopy.relay;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connection in a room. Sends to a session are serialized here because the relay writes to a
 * peer from two threads: its partner's message thread and the pairing thread.
 */
final class Peer {
    private static final Logger LOG = Logger.getLogger(Peer.class.getName());

    static final int FRAGMENT_BYTES = 256 * 1024;

    private final Session session;
    private final String room;
    private final Role role;
    private final ClientAddress address;
    private final Object sendLock = new Object();
    private volatile Peer partner;
    /** Written only by this peer's reading thread, read by the idle sweep and the log. */
    private volatile long forwardedBytes;
    private volatile long lastFrameNanos;

    Peer(Session session, String room, Role role, ClientAddress address) {
        this.session = session;
        this.room = room;
        this.role = role;
        this.address = address;
        this.lastFrameNanos = System.nanoTime();
    }

    ClientAddress address() {
        return address;
    }

    /** Counts a frame of this peer's that reached its partner. Only its reading thread calls this. */
    void forwarded(int bytes) {
        forwardedBytes += bytes;
        lastFrameNanos = System.nanoTime();
    }

    long forwardedBytes() {
        return forwardedBytes;
    }

    long lastFrameNanos() {
        return lastFrameNanos;
    }

    String room() {
        return room;
    }

    Role role() {
        return role;
    }

    Peer partner() {
        return partner;
    }

    void pairWith(Peer other) {
        this.partner = other;
    }

    Object sendLock() {
        return sendLock;
    }

    /**
     * Blocks until the frame is written: while this peer reads slowly, the thread that forwards to
     * it, which is its partner's reading thread, waits here, and so TCP slows the partner down.
     */
    void sendBinary(ByteBuffer frame) throws IOException {
        send(remote -> {
            // In fragments: the server copies what it sends into a frame of its own and may queue
            // several before it blocks, so whole 1 MiB messages would cost a multiple of that per
            // connection (and, as large arrays, the garbage collector dearly). Peers receive the
            // same message; WebSocket reassembles fragments.
            int end = frame.limit();
            do {
                ByteBuffer fragment = frame.duplicate();
                fragment.limit(Math.min(end, frame.position() + FRAGMENT_BYTES));
                frame.position(fragment.limit());
                remote.sendBinary(fragment, !frame.hasRemaining());
            } while (frame.hasRemaining());
        });
    }

    void sendText(String frame) throws IOException {
        send(remote -> remote.sendText(frame));
    }

    private interface Write {
        void to(RemoteEndpoint.Basic remote) throws IOException;
    }

    private void send(Write write) throws IOException {
        synchronized (sendLock) {
            try {
                write.to(session.getBasicRemote());
            } catch (IllegalStateException e) {
                throw gone(e);
            }
        }
    }

    /**
     * Tyrus reports a write to a connection that has just closed as IllegalStateException, not as
     * IOException; callers treat both as "this peer is gone" (4002 to the other side, not 4000).
     */
    private static IOException gone(IllegalStateException e) {
        return new IOException("the connection is closed", e);
    }

    void close(CloseCode code, String detail) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.close(code.reason(detail));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "closing a peer that is already gone", e);
        }
    }

    @Override
    public String toString() {
        return role.noun() + "@" + room;
    }
}
