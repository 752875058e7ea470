package org.p2pcopy.client.transport;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.protocol.PathRules;

/**
 * One peer's WebSocket to the relay, on the JDK's own client. Sends go out one at a time, each
 * started when the previous one is written, so a caller can fill its next buffer meanwhile.
 * Receiving is pulled: the socket reads ahead at most {@link Inbox#LOOKAHEAD} frames, so a slow
 * reader slows the relay and the sender rather than filling memory.
 */
public final class RelayConnection implements FrameChannel, AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);
    static final Duration KEEPALIVE = Duration.ofSeconds(20);
    /** The response header in which a relay that refuses the upgrade says why, for people. */
    static final String REFUSAL_HEADER = "P2P-Copy-Refusal";

    private final URI endpoint;
    private final HttpClient client;
    private final WebSocket socket;
    private final Inbox inbox;
    private CompletableFuture<WebSocket> lastSend = CompletableFuture.completedFuture(null);
    private volatile int closeCode = WebSocket.NORMAL_CLOSURE;
    private boolean closed;

    /** Tests pass a WebSocket of their own: the JDK has no server to connect to. */
    RelayConnection(URI endpoint, HttpClient client, WebSocket socket, Inbox inbox) {
        this.endpoint = endpoint;
        this.client = client;
        this.socket = socket;
        this.inbox = inbox;
    }

    /** Directly, trusting the system's certificate authorities. */
    public static RelayConnection open(URI endpoint) throws TransferException {
        return open(endpoint, TlsTrust.system(), ProxyRoute.direct());
    }

    public static RelayConnection open(URI endpoint, TlsTrust trust, ProxyRoute proxy) throws TransferException {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).proxy(proxy.selector());
        if (trust.context() != null) {
            builder.sslContext(trust.context());
        }
        HttpClient client = builder.build();
        Inbox inbox = new Inbox();
        try {
            WebSocket socket = client.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT)
                    .buildAsync(endpoint, inbox).get(CONNECT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            return new RelayConnection(endpoint, client, socket, inbox);
        } catch (ExecutionException e) {
            throw unreachable(endpoint, proxy.proxyFor(endpoint), e.getCause());
        } catch (TimeoutException e) {
            throw new TransferException(Failure.RELAY, "the relay at " + endpoint + " did not answer within "
                    + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException(Failure.RELAY, "interrupted while connecting to the relay");
        }
    }

    /**
     * Stops the client's selector thread (Java 21 and later). A JVM waits up to 300 ms at exit for
     * threads blocked in native code, such as that selector, which is most of a small transfer's
     * tail; Java 17 has no way to stop it.
     */
    private static void stop(HttpClient client) {
        try {
            HttpClient.class.getMethod("shutdownNow").invoke(client);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Before Java 21: the thread ends with the JVM.
        }
    }

    private static TransferException unreachable(URI endpoint, InetSocketAddress proxy, Throwable cause) {
        String why;
        if (cause instanceof WebSocketHandshakeException handshake) {
            why = refusal(handshake.getResponse().statusCode(), handshake.getResponse().headers());
        } else if (cause instanceof HttpConnectTimeoutException) {
            why = "no answer within " + CONNECT_TIMEOUT.toSeconds() + " s";
        } else if (hasCause(cause, UnresolvedAddressException.class)) {
            why = "unknown host";
        } else if (cause instanceof ConnectException) {
            why = proxy != null ? "the proxy refused the connection: is it running, and is the port right?"
                    : "connection refused: is the relay running, and is the port right?";
        } else if (proxy != null && String.valueOf(cause.getMessage()).startsWith("Tunnel failed")) {
            why = "the proxy would not open a tunnel to the relay (" + cause.getMessage() + "): it may allow "
                    + "tunnels to port 443 only, or need a login";
        } else if (hasCause(cause, SSLException.class)) {
            why = "TLS failed (" + rootMessage(cause) + "): a relay with a certificate of its own needs "
                    + "--cacert FILE; for a relay without TLS use ws:// or http://";
        } else {
            why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        }
        String through = proxy == null ? "" : " through the proxy " + proxy.getHostString() + ":" + proxy.getPort();
        return new TransferException(Failure.RELAY, "cannot reach the relay at " + endpoint + through + ": " + why,
                cause);
    }

    /**
     * Why the upgrade failed: a relay that refuses says why in {@link #REFUSAL_HEADER} (docs/protocol.md
     * §2.1); any other answer, such as a 404, is from a server that is no relay or a wrong path.
     */
    static String refusal(int status, HttpHeaders headers) {
        String text = headers.firstValue(REFUSAL_HEADER).filter(value -> !value.isBlank()).orElse(null);
        if (text != null) {
            return "it refused the connection (HTTP " + status + ": " + PathRules.printable(text.strip()) + ")";
        }
        return "it answered HTTP " + status + (status == 404 ? ": is this a p2p-copy relay, and is the path right?" : "");
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The relay's first word to a peer (docs/protocol.md §2.2, §2.3). */
    public enum Signal {
        /** This peer is the first in its room. */
        WAITING,
        /** The other peer was there already. */
        PAIRED,
        /** The room already has a peer of this role (close code 4001). */
        ROOM_TAKEN
    }

    /**
     * Waits for the relay's signal that the other peer joined (docs/protocol.md §2.2), calling
     * {@code onWaiting} if the relay says that this peer is the first in its room.
     */
    public void awaitPaired(Runnable onWaiting) throws TransferException {
        Signal signal;
        while ((signal = awaitSignal()) != Signal.PAIRED) {
            if (signal == Signal.ROOM_TAKEN) {
                throw new TransferException(Failure.RELAY, RelayCloseCode.ROOM_TAKEN.explanation());
            }
            onWaiting.run();
        }
    }

    /** The relay's next signal; keeps the connection alive while there is none. */
    public Signal awaitSignal() throws TransferException {
        while (true) {
            Incoming incoming = poll(KEEPALIVE);
            if (incoming == null) {
                keepAlive();
                continue;
            }
            if (incoming instanceof Incoming.Closed closed) {
                if (closed.code() == RelayCloseCode.ROOM_TAKEN.code()) {
                    return Signal.ROOM_TAKEN;
                }
                throw closed.toException();
            }
            if (incoming instanceof Incoming.Broken broken) {
                throw broken.toException();
            }
            if (!(incoming instanceof Incoming.Text text)) {
                throw new TransferException(Failure.RELAY, "the relay sent data before pairing: is "
                        + endpoint + " a p2p-copy relay?");
            }
            String signal = relaySignal(text.text());
            if ("waiting".equals(signal)) {
                return Signal.WAITING;
            } else if ("paired".equals(signal)) {
                return Signal.PAIRED;
            }
            throw new TransferException(Failure.RELAY, "the relay sent an unknown signal: is " + endpoint
                    + " a p2p-copy relay?");
        }
    }

    /**
     * A peer waiting for its partner sends nothing, and firewalls, NAT and proxies drop connections
     * that stay silent for a minute or so; a ping every {@link #KEEPALIVE} keeps the path open. Only
     * used before pairing, when no other send can be under way.
     */
    private void keepAlive() throws TransferException {
        try {
            socket.sendPing(ByteBuffer.allocate(0)).get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new TransferException(Failure.RELAY, "lost the connection to the relay while waiting", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException(Failure.PEER, "interrupted");
        }
    }

    private static String relaySignal(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonObject object = reader.readObject();
            return object.getString("relay", null);
        } catch (JsonException | ClassCastException e) {
            return null;
        }
    }

    @Override
    public void sendText(String text) throws TransferException {
        awaitLastSend();
        lastSend = socket.sendText(text, true);
    }

    @Override
    public void sendBinary(ByteBuffer frame) throws TransferException {
        awaitLastSend();
        lastSend = socket.sendBinary(frame, true);
    }

    @Override
    public void flush() throws TransferException {
        awaitLastSend();
    }

    private void awaitLastSend() throws TransferException {
        try {
            lastSend.get();
        } catch (ExecutionException e) {
            throw new TransferException(Failure.RELAY, "lost the connection to the relay while sending", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException(Failure.PEER, "interrupted");
        }
    }

    @Override
    public Incoming receive() throws TransferException {
        try {
            return inbox.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException(Failure.PEER, "interrupted");
        }
    }

    @Override
    public Incoming poll(Duration timeout) throws TransferException {
        try {
            return inbox.poll(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException(Failure.PEER, "interrupted");
        }
    }

    @Override
    public void release(Incoming.Binary binary) {
        inbox.recycle(binary.data());
    }

    @Override
    public void closeAs(PeerCloseCode code) {
        closeCode = code.code();
    }

    /**
     * Closes cleanly: waits until what was sent is written, sends a close frame and waits briefly
     * for the relay's answer, so that the last message is not lost to a reset connection. The close
     * code is a normal closure unless {@link #closeAs} said otherwise.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lastSend.get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            socket.sendClose(closeCode, "").get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            inbox.awaitEnd(CLOSE_TIMEOUT);
        } catch (ExecutionException | TimeoutException e) {
            // The connection is going anyway; there is nothing left to save on it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            socket.abort();
            stop(client);
        }
    }
}
