package org.p2pcopy.client.transfer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.p2pcopy.client.transport.FrameChannel;
import org.p2pcopy.client.transport.Incoming;
import org.p2pcopy.client.transport.PeerCloseCode;

/**
 * Two peers' frame channels joined in memory, standing in for the relay: it forwards every frame,
 * records the bytes of each (what a relay operator could read), and may alter the frames from the
 * sender on the way, as a hostile relay could. When one end is closed, the other hears 4002, as
 * from the real relay.
 */
final class Link {
    private static final Duration STALL = Duration.ofSeconds(20);

    final End sender = new End();
    final End receiver = new End();
    private final List<byte[]> recorded = Collections.synchronizedList(new ArrayList<>());
    private volatile UnaryOperator<Incoming> onTheWayToReceiver = UnaryOperator.identity();
    private volatile UnaryOperator<Incoming> onTheWayToSender = UnaryOperator.identity();

    Link() {
        sender.peer = receiver;
        receiver.peer = sender;
    }

    /** Alters the frames the sender sends, before the receiver gets them and after they are recorded. */
    Link toReceiver(UnaryOperator<Incoming> change) {
        onTheWayToReceiver = change;
        return this;
    }

    Link toSender(UnaryOperator<Incoming> change) {
        onTheWayToSender = change;
        return this;
    }

    /** Every frame that passed, both ways, as bytes (text in UTF-8). */
    List<byte[]> recorded() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    final class End implements FrameChannel, AutoCloseable {
        private final LinkedBlockingQueue<Incoming> inbox = new LinkedBlockingQueue<>();
        private End peer;
        private volatile boolean closed;
        private volatile PeerCloseCode closedAs;

        @Override
        public void sendText(String text) {
            recorded.add(text.getBytes(StandardCharsets.UTF_8));
            forward(new Incoming.Text(text));
        }

        @Override
        public void sendBinary(ByteBuffer frame) {
            byte[] copy = new byte[frame.remaining()];
            frame.duplicate().get(copy);
            recorded.add(copy);
            forward(new Incoming.Binary(ByteBuffer.wrap(copy.clone())));
        }

        private void forward(Incoming frame) {
            if (!closed && !peer.closed) {
                peer.inbox.add((this == sender ? onTheWayToReceiver : onTheWayToSender).apply(frame));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public Incoming receive() {
            Incoming next = poll(STALL);
            if (next == null) {
                throw new AssertionError("no frame for " + STALL.toSeconds() + " s: the peers wait for each other");
            }
            return next;
        }

        @Override
        public Incoming poll(Duration timeout) {
            try {
                return inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        @Override
        public void release(Incoming.Binary binary) {
        }

        @Override
        public void closeAs(PeerCloseCode code) {
            closedAs = code;
        }

        /** The code this end asked to close with; null for a normal closure. */
        PeerCloseCode closedAs() {
            return closedAs;
        }

        /** This peer is done: the relay would tell the other that it left. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                peer.inbox.add(new Incoming.Closed(4002, "the other peer left"));
            }
        }
    }
}
