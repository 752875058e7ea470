package org.p2pcopy.client.transfer;

import java.security.InvalidKeyException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.crypto.KeyExchange;
import org.p2pcopy.client.crypto.ScalarSource;
import org.p2pcopy.client.crypto.TrafficKeys;
import org.p2pcopy.client.pairing.Code;
import org.p2pcopy.client.protocol.Confirm;
import org.p2pcopy.client.protocol.ErrorCode;
import org.p2pcopy.client.protocol.ErrorMessage;
import org.p2pcopy.client.protocol.Hello;
import org.p2pcopy.client.protocol.Message;
import org.p2pcopy.client.protocol.MessageCodec;
import org.p2pcopy.client.protocol.ProtocolException;
import org.p2pcopy.client.protocol.Role;
import org.p2pcopy.client.transport.Incoming;
import org.p2pcopy.client.transport.FrameChannel;
import org.p2pcopy.client.transport.PeerCloseCode;
import org.p2pcopy.client.transport.SealedChannel;

/**
 * The part of the protocol both peers share: the handshake, reading frames as messages, and
 * stopping with an error message that tells the other side why (docs/protocol.md §4.1, §4.6).
 */
final class Conversation {
    static final String SOFTWARE = "p2p-copy-java/" + version();
    private static final Duration PEER_ERROR_GRACE = Duration.ofSeconds(2);
    private static final HexFormat HEX = HexFormat.of();

    private final Code code;
    private final Role self;
    private final ScalarSource secrets;
    private FrameChannel relay;

    Conversation(FrameChannel relay, Code code, Role self, ScalarSource secrets) {
        this.relay = relay;
        this.code = code;
        this.self = self;
        this.secrets = secrets;
    }

    /** The peer's frames: sealed ones once the handshake has switched encryption on. */
    FrameChannel relay() {
        return relay;
    }

    private static String version() {
        String version = Conversation.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /**
     * The handshake (docs/protocol.md §4.1): hellos carrying SPAKE2 shares and capabilities, then
     * each side's key confirmation. Nothing about the transfer moves before both MACs check out.
     *
     * @param capabilities what this side offers; {@link Hello#ENCRYPTION} among them asks for sealed
     *     frames, {@link Hello#ZSTD} for compressed chunks
     * @return what both sides offered, and so what is in use from here on
     */
    Negotiated handshake(List<String> capabilities) throws TransferException {
        KeyExchange exchange = KeyExchange.start(self, code.password(), secrets);
        send(new Hello(Hello.VERSION, self.wireName(), capabilities, HEX.formatHex(exchange.share()), SOFTWARE));
        Hello hello = expect(Hello.class, "hello");
        if (hello.version() != Hello.VERSION) {
            throw stop(new ProtocolException(ErrorCode.VERSION, "the other side speaks protocol version "
                    + hello.version() + ", this one " + Hello.VERSION));
        }
        if (Role.fromWire(hello.role()) != self.other()) {
            throw stop(new ProtocolException("the other side is also a " + self.wireName()));
        }
        KeyExchange.Confirmation confirmation;
        try {
            confirmation = self == Role.SENDER
                    ? exchange.finish(HEX.parseHex(hello.spake2()), capabilities, hello.capabilities())
                    : exchange.finish(HEX.parseHex(hello.spake2()), hello.capabilities(), capabilities);
        } catch (InvalidKeyException e) {
            throw stop(new ProtocolException("the " + self.other().wireName() + "'s key share is not valid: "
                    + e.getMessage()));
        }
        send(new Confirm(HEX.formatHex(confirmation.mac())));
        Confirm confirm = expect(Confirm.class, "confirm");
        TrafficKeys keys = confirmation.confirm(HEX.parseHex(confirm.mac()));
        if (keys == null) {
            throw stop(new ProtocolException(ErrorCode.WRONG_CODE, "wrong code or tampering: the "
                    + self.other().wireName() + " did not prove that it knows the code for room " + code.room()
                    + "; check that both sides typed the same code (nothing was sent)"));
        }
        boolean sealed = capabilities.contains(Hello.ENCRYPTION) && hello.capabilities().contains(Hello.ENCRYPTION);
        if (sealed) {
            relay = new SealedChannel(relay, keys.sealerFor(self), keys.openerFor(self));
        }
        return new Negotiated(sealed, capabilities.contains(Hello.ZSTD) && hello.capabilities().contains(Hello.ZSTD));
    }

    /**
     * The features both hellos listed.
     *
     * @param sealed every frame after the handshake is sealed (docs/protocol.md §7.3)
     * @param compressed chunks may be compressed with zstd (docs/protocol.md §3.2)
     */
    record Negotiated(boolean sealed, boolean compressed) {
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
            if (broken.cause() instanceof ProtocolException violation) {
                throw stop(violation); // e.g. a sealed frame that failed to open: the peer may still hear why
            }
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
        closeAsFor(error.errorCode());
        return new TransferException(error.errorCode().failure(), "the " + self.other().wireName() + " stopped: "
                + org.p2pcopy.client.protocol.PathRules.printable(error.message()));
    }

    /**
     * Tells the peer why this side stops, and returns the matching local failure to throw. The
     * peer is told first, so that both report the same cause.
     */
    TransferException stop(ProtocolException problem) {
        closeAsFor(problem.code());
        try {
            relay.sendText(MessageCodec.encode(ErrorMessage.of(problem.code(), problem.getMessage())));
            relay.flush();
        } catch (TransferException e) {
            // The peer is gone already; the local cause is still the one to report.
        }
        return new TransferException(problem.code().failure(), problem.getMessage());
    }

    /** A failed pairing is the one stop the relay must hear of: it counts them per address (docs/protocol.md §2.3). */
    private void closeAsFor(ErrorCode code) {
        if (code == ErrorCode.WRONG_CODE) {
            relay.closeAs(PeerCloseCode.WRONG_CODE);
        }
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
