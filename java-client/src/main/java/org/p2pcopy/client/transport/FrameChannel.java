package org.p2pcopy.client.transport;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.p2pcopy.client.TransferException;

/**
 * The peers' frames as the transfer sees them, once the relay has paired them: text and binary
 * frames each way, in order. {@link RelayConnection} is the real one; tests put a scripted peer here.
 */
public interface FrameChannel {
    void sendText(String text) throws TransferException;

    /**
     * Starts sending a binary frame and returns once the previous frame is written. The buffer must
     * stay untouched until the next send or {@link #flush()} returns.
     */
    void sendBinary(ByteBuffer frame) throws TransferException;

    /** Returns once everything sent so far is written. */
    void flush() throws TransferException;

    /** The next frame, or how the connection ended; blocks until there is one. */
    Incoming receive() throws TransferException;

    /** The next frame if one arrives within {@code timeout}, else null. */
    Incoming poll(Duration timeout) throws TransferException;

    /** Hands a received binary frame's buffer back for reuse. */
    void release(Incoming.Binary binary);

    /** The connection is to close with {@code code} instead of a normal closure, whenever it closes. */
    void closeAs(PeerCloseCode code);
}
