package org.p2pcopy.relay.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * One side of a room on the JDK's own WebSocket client, no protocol of ours on top: a sender pushes
 * binary frames as fast as the relay takes them, a receiver counts what arrives. The receiver reads
 * up to an allowance of bytes and then stops asking for more ({@link WebSocket#request}, the JDK
 * client's backpressure), so a test can make it as slow as it likes.
 */
final class RawRelayPeer implements WebSocket.Listener, AutoCloseable {
    static final int FRAME = 1 << 20;
    private static final Duration CONNECT = Duration.ofSeconds(30);
    /** One frame's write; a slow receiver holds it back for about a second a frame. */
    private static final Duration WRITE = Duration.ofSeconds(60);

    private final CompletableFuture<Void> paired = new CompletableFuture<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicLong sent = new AtomicLong();
    /**
     * Held for as long as the peer lives: the JDK 17 client stops its selector thread once the
     * HttpClient itself is garbage, and its open WebSockets then stall without an error.
     */
    private HttpClient client;
    private WebSocket socket;
    /** Guarded by this: bytes arrived, bytes it may take, and whether it stopped asking for more. */
    private long received;
    private long allowance;
    private boolean stalled;

    private RawRelayPeer(long allowance) {
        this.allowance = allowance;
    }

    /** A sender, or a receiver that reads as fast as the relay delivers. */
    static RawRelayPeer open(String wsBase, String room, String role) throws Exception {
        return open(wsBase, room, role, Long.MAX_VALUE);
    }

    /** A receiver that reads {@code allowance} bytes and then waits for {@link #allow}. */
    static RawRelayPeer open(String wsBase, String room, String role, long allowance) throws Exception {
        RawRelayPeer peer = new RawRelayPeer(allowance);
        // A client each, as the library has: one selector thread per connection, not one for all.
        HttpClient client = HttpClient.newHttpClient();
        synchronized (peer) {
            peer.client = client;
        }
        client.newWebSocketBuilder().connectTimeout(CONNECT)
                .buildAsync(URI.create(wsBase + "/relay/v1/" + room + "/" + role), peer)
                .get(CONNECT.toSeconds() + 5, TimeUnit.SECONDS);
        return peer;
    }

    @Override
    public synchronized void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (data.toString().contains("\"paired\"")) {
            paired.complete(null);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public synchronized CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        received += data.remaining();
        if (received < allowance) {
            webSocket.request(1);
        } else {
            stalled = true;
        }
        notifyAll();
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        paired.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
        paired.completeExceptionally(error);
    }

    void awaitPaired() throws Exception {
        paired.get(CONNECT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Lets the receiver take {@code more} bytes more (Long.MAX_VALUE: everything from now on). */
    synchronized void allow(long more) {
        allowance = more == Long.MAX_VALUE || allowance > Long.MAX_VALUE - more ? Long.MAX_VALUE : allowance + more;
        if (stalled && received < allowance) {
            stalled = false;
            socket.request(1);
        }
    }

    synchronized long received() {
        return received;
    }

    long sent() {
        return sent.get();
    }

    /**
     * Sends {@code frame} again and again, each write started once the one before is written (the
     * JDK client's only way), until {@code total} bytes went out or {@code stop} says so.
     */
    void send(ByteBuffer frame, long total, BooleanSupplier stop) throws Exception {
        while (sent.get() < total && !stop.getAsBoolean()) {
            socket.sendBinary(frame.duplicate(), true).get(WRITE.toSeconds(), TimeUnit.SECONDS);
            sent.addAndGet(frame.remaining());
        }
    }

    /** Waits until {@code bytes} have arrived, failing after {@code limit}. */
    synchronized void awaitReceived(long bytes, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (received < bytes) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || closed.isDone()) {
                throw new AssertionError("received " + received + " of " + bytes + " bytes"
                        + (closed.isDone() ? ", then the connection closed" : " within " + limit.toSeconds() + " s"));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Closes normally if it can, and in any case drops the connection. */
    @Override
    public void close() {
        WebSocket ws;
        synchronized (this) {
            ws = socket;
        }
        if (ws == null) {
            return;
        }
        try {
            if (!ws.isOutputClosed()) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // The close handshake is a courtesy: abort() frees the connection anyway.
        } finally {
            ws.abort();
        }
    }
}
