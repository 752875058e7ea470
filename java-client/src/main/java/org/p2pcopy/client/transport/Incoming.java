package org.p2pcopy.client.transport;

import java.nio.ByteBuffer;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.protocol.ProtocolException;

/** What {@link RelayConnection#receive()} hands out: a frame from the peer, or the end of the connection. */
public sealed interface Incoming {
    /** A whole text frame. */
    record Text(String text) implements Incoming {
    }

    /**
     * A whole binary frame. Its buffer is lent by the connection: hand it back with
     * {@link RelayConnection#release(Binary)} once done, so that memory stays flat.
     */
    record Binary(ByteBuffer data) implements Incoming {
    }

    /** The relay or the network ended the connection. */
    record Closed(int code, String reason) implements Incoming {
        public TransferException toException() {
            RelayCloseCode known = RelayCloseCode.of(code);
            if (known != null) {
                String detail = reason == null || reason.isBlank() ? "" : " (" + reason + ")";
                return new TransferException(known.failure(), known.explanation() + detail);
            }
            return new TransferException(Failure.RELAY, "the relay closed the connection (code " + code
                    + (reason == null || reason.isBlank() ? "" : ": " + reason) + ")");
        }
    }

    /**
     * The connection broke without a close handshake, or this side dropped it because the peer
     * sent a frame no peer may send (a {@link ProtocolException} as the cause).
     */
    record Broken(Throwable cause) implements Incoming {
        public TransferException toException() {
            if (cause instanceof ProtocolException violation) {
                return new TransferException(violation.code().failure(), violation.getMessage(), cause);
            }
            return new TransferException(Failure.RELAY, "lost the connection to the relay: " + describe(cause), cause);
        }

        private static String describe(Throwable cause) {
            String message = cause.getMessage();
            return message == null ? cause.getClass().getSimpleName() : message;
        }
    }
}
