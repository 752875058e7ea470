package org.p2pcopy.client.transfer;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.pairing.Code;
import org.p2pcopy.client.protocol.ErrorCode;
import org.p2pcopy.client.protocol.ErrorMessage;
import org.p2pcopy.client.protocol.Hello;
import org.p2pcopy.client.protocol.Message;
import org.p2pcopy.client.protocol.MessageCodec;
import org.p2pcopy.client.protocol.ProtocolException;
import org.p2pcopy.client.protocol.Role;
import org.p2pcopy.client.transport.Incoming;
import org.p2pcopy.client.transport.FrameChannel;

/**
 * The part of the protocol both peers share: the hello exchange, reading frames as messages, and
 * stopping with an error message that tells the other side why (docs/protocol.md §4.1, §4.6).
 */
final class Conversation {
    static final String SOFTWARE = "p2p-copy-java/" + version();
    private static final Duration PEER_ERROR_GRACE = Duration.ofSeconds(2);

    private final FrameChannel relay;
    private final Code code;
    private final Role self;

    Conversation(FrameChannel relay, Code code, Role self) {
        this.relay = relay;
        this.code = code;
        this.self = self;
    }

    FrameChannel relay() {
        return relay;
    }

    private static String version() {
        String version = Conversation.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** Sends this peer's hello and checks the other's: same version, other role, same code. */
    void hello() throws TransferException {
        send(new Hello(Hello.VERSION, self.wireName(), List.of(), code.proof(self), SOFTWARE));
        Hello hello = expect(Hello.class, "hello");
        if (hello.version() != Hello.VERSION) {
            throw stop(new ProtocolException(ErrorCode.VERSION, "the other side speaks protocol version "
                    + hello.version() + ", this one " + Hello.VERSION));
        }
        if (Role.fromWire(hello.role()) != self.other()) {
            throw stop(new ProtocolException("the other side is also a " + self.wireName()));
        }
        byte[] expected = code.proof(self.other()).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, hello.proof().getBytes(StandardCharsets.US_ASCII))) {
            throw stop(new ProtocolException(ErrorCode.WRONG_CODE, "wrong code: the other side typed a different "
                    + "code for room " + code.room()));
        }
    }

    void send(Message message) throws TransferException {
        try {
            relay.sendText(MessageCodec.encode(message));
        } catch (TransferException e) {
            throw explainSendFailure(e);
        }
    }

    /** The next control message, which must be of {@code type}; anything else stops the transfer. */
    <T extends Message> T expect(Class<T> type, String name) throws TransferException {
        Message message = receiveMessage();
        if (!type.isInstance(message)) {
            throw stop(new ProtocolException("expected " + name + ", got " + describe(message)));
        }
        return type.cast(message);
    }

    /** The next control message; a chunk here is out of place. */
    Message receiveMessage() throws TransferException {
        Object next = receive();
        if (next instanceof Incoming.Binary binary) {
            relay.release(binary);
            throw stop(new ProtocolException("a chunk arrived where a control message was expected"));
        }
        return (Message) next;
    }

    /** The next control message or chunk ({@link Incoming.Binary}); an error from the peer is thrown. */
    Object receive() throws TransferException {
        Incoming incoming = relay.receive();
        return unwrap(incoming);
    }

    /** A message or chunk that has already arrived, or null; for checking on the peer while sending. */
    Object poll() throws TransferException {
        Incoming incoming = relay.poll(Duration.ZERO);
        return incoming == null ? null : unwrap(incoming);
    }

    private Object unwrap(Incoming incoming) throws TransferException {
        if (incoming instanceof Incoming.Binary binary) {
            return binary;
        }
        if (incoming instanceof Incoming.Closed closed) {
            throw closed.toException();
        }
        if (incoming instanceof Incoming.Broken broken) {
            throw broken.toException();
        }
        Message message;
        try {
            message = MessageCodec.decode(((Incoming.Text) incoming).text());
        } catch (ProtocolException e) {
            throw stop(e);
        }
        if (message instanceof ErrorMessage error) {
            throw peerStopped(error);
        }
        return message;
    }

    private TransferException peerStopped(ErrorMessage error) {
        return new TransferException(error.errorCode().failure(), "the " + self.other().wireName() + " stopped: "
                + org.p2pcopy.client.protocol.PathRules.printable(error.message()));
    }

    /**
     * Tells the peer why this side stops, and returns the matching local failure to throw. The
     * peer is told first, so that both report the same cause.
     */
    TransferException stop(ProtocolException problem) {
        try {
            relay.sendText(MessageCodec.encode(ErrorMessage.of(problem.code(), problem.getMessage())));
            relay.flush();
        } catch (TransferException e) {
            // The peer is gone already; the local cause is still the one to report.
        }
        return new TransferException(problem.code().failure(), problem.getMessage());
    }

    /** Stops for a local reason that the user must see in its own words, e.g. a file changed. */
    TransferException stop(ErrorCode code, Failure failure, String message) {
        stop(new ProtocolException(code, message));
        return new TransferException(failure, message);
    }

    /**
     * A send fails when the relay has closed this side, usually because the peer stopped: look for
     * the peer's error or the relay's close code, which say more than the broken send.
     */
    TransferException explainSendFailure(TransferException sendFailure) {
        try {
            long deadline = System.nanoTime() + PEER_ERROR_GRACE.toNanos();
            while (System.nanoTime() < deadline) {
                Incoming incoming = relay.poll(Duration.ofNanos(deadline - System.nanoTime()));
                if (incoming == null) {
                    break;
                }
                if (incoming instanceof Incoming.Binary binary) {
                    relay.release(binary);
                    continue;
                }
                unwrap(incoming);
            }
        } catch (TransferException better) {
            return better;
        }
        return sendFailure;
    }

    static String describe(Message message) {
        return message.getClass().getSimpleName();
    }
}
