package org.p2pcopy.client.transport;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.p2pcopy.client.crypto.SealedFormat;
import org.p2pcopy.client.protocol.ChunkFrame;
import org.p2pcopy.client.protocol.MessageCodec;
import org.p2pcopy.client.protocol.ProtocolException;

/**
 * Collects whole frames from the JDK WebSocket, which hands them over in fragments. It asks the
 * socket for more only while fewer than {@link #LOOKAHEAD} frames wait to be taken, and reuses the
 * buffers of binary frames, so that memory stays flat at any file size.
 */
final class Inbox implements WebSocket.Listener {
    static final int LOOKAHEAD = 4;
    /** The largest binary frame either kind of transfer sends: a sealed chunk (§7.3) outgrows a plain one (§3.2). */
    static final int MAX_BINARY_BYTES = Math.max(ChunkFrame.MAX_FRAME_BYTES, SealedFormat.MAX_WIRE_BYTES);

    private final LinkedBlockingQueue<Incoming> queue = new LinkedBlockingQueue<>();
    private final ArrayDeque<ByteBuffer> spareBuffers = new ArrayDeque<>();
    private final StringBuilder text = new StringBuilder();
    private ByteBuffer binary;
    private WebSocket socket;
    private int waitingFrames;
    private boolean demandOwed;
    private volatile boolean ended;

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (text.length() + data.length() > MessageCodec.MAX_TEXT_CHARS) {
            return refuse(webSocket, "the peer sent a control message larger than 1 MiB");
        }
        text.append(data);
        if (last) {
            String whole = text.toString();
            text.setLength(0);
            deliver(webSocket, new Incoming.Text(whole));
        } else {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        if (binary == null) {
            binary = takeBuffer();
        }
        if (data.remaining() > binary.remaining()) {
            return refuse(webSocket, "the peer sent a binary frame larger than " + MAX_BINARY_BYTES + " bytes");
        }
        binary.put(data);
        if (last) {
            ByteBuffer whole = binary.flip();
            binary = null;
            deliver(webSocket, new Incoming.Binary(whole));
        } else {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        // The JDK answers the ping itself; only the demand for frames needs keeping.
        requestIfRoom(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        requestIfRoom(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        end(new Incoming.Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        end(new Incoming.Broken(error));
    }

    Incoming take() throws InterruptedException {
        return taken(queue.take());
    }

    Incoming poll(Duration timeout) throws InterruptedException {
        Incoming incoming = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return incoming == null ? null : taken(incoming);
    }

    /** Waits until the connection has ended, dropping frames that still arrive. */
    void awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || poll(Duration.ofNanos(left)) == null && !ended) {
                return;
            }
        }
    }

    synchronized void recycle(ByteBuffer buffer) {
        if (spareBuffers.size() < LOOKAHEAD + 2) {
            spareBuffers.push(buffer.clear());
        }
    }

    private synchronized ByteBuffer takeBuffer() {
        ByteBuffer spare = spareBuffers.poll();
        return spare != null ? spare : ByteBuffer.allocate(MAX_BINARY_BYTES);
    }

    private Incoming taken(Incoming incoming) {
        synchronized (this) {
            if (incoming instanceof Incoming.Text || incoming instanceof Incoming.Binary) {
                waitingFrames--;
            }
            if (demandOwed && waitingFrames < LOOKAHEAD) {
                demandOwed = false;
                socket.request(1);
            }
        }
        return incoming;
    }

    private void deliver(WebSocket webSocket, Incoming frame) {
        synchronized (this) {
            waitingFrames++;
            queue.add(frame);
        }
        requestIfRoom(webSocket);
    }

    private synchronized void requestIfRoom(WebSocket webSocket) {
        if (waitingFrames < LOOKAHEAD) {
            webSocket.request(1);
        } else {
            demandOwed = true;
        }
    }

    private CompletionStage<?> refuse(WebSocket webSocket, String why) {
        end(new Incoming.Broken(new ProtocolException(why)));
        webSocket.abort();
        return null;
    }

    private void end(Incoming how) {
        if (!ended) {
            ended = true;
            queue.add(how);
        }
    }
}
