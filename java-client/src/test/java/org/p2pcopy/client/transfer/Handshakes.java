package org.p2pcopy.client.transfer;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.util.HexFormat;
import java.util.List;
import org.p2pcopy.client.crypto.KeyExchange;
import org.p2pcopy.client.crypto.ScalarSource;
import org.p2pcopy.client.protocol.Confirm;
import org.p2pcopy.client.protocol.Hello;
import org.p2pcopy.client.protocol.Role;
import org.p2pcopy.client.transport.Incoming;

/**
 * The handshake of a scripted peer (docs/protocol.md §4.1). A script cannot answer a random SPAKE2
 * share, so the side under test gets a fixed secret ({@link #side()}) and the peer's hello and
 * confirm are computed here in advance, from the share that secret gives.
 */
final class Handshakes {
    static final List<String> ENCRYPTED = List.of(Hello.ENCRYPTION);
    /** What a receiver offers. */
    static final List<String> RECEIVER = List.of(Hello.ENCRYPTION, Hello.ZSTD);
    static final List<String> PLAIN = List.of();
    private static final BigInteger SIDE_SECRET = new BigInteger("5eed0001", 16);
    private static final BigInteger PEER_SECRET = new BigInteger("5eed0002", 16);

    private Handshakes() {
    }

    /** The SPAKE2 secret of the side under test. */
    static ScalarSource side() {
        return ScalarSource.fixed(SIDE_SECRET);
    }

    /**
     * The peer's hello and confirm. A sender under test offers nothing here and a receiver under test
     * offers what a receiver does, while the scripted sender offers nothing and the scripted receiver
     * only encryption: so the frames after the handshake travel in clear, as the scripts write them.
     */
    static Incoming[] peer(Role peer, String peerCode, String sideCode) {
        return peer == Role.RECEIVER ? peer(peer, peerCode, sideCode, ENCRYPTED, PLAIN)
                : peer(peer, peerCode, sideCode, PLAIN, RECEIVER);
    }

    /** The peer's hello and confirm when the peer and the side under test offer the capabilities given. */
    static Incoming[] peer(Role peer, String peerCode, String sideCode, List<String> peerCapabilities,
            List<String> sideCapabilities) {
        byte[] sideShare = KeyExchange.start(peer.other(), sideCode, side()).share();
        KeyExchange exchange = KeyExchange.start(peer, peerCode, ScalarSource.fixed(PEER_SECRET));
        try {
            KeyExchange.Confirmation confirmation = peer == Role.SENDER
                    ? exchange.finish(sideShare, peerCapabilities, sideCapabilities)
                    : exchange.finish(sideShare, sideCapabilities, peerCapabilities);
            HexFormat hex = HexFormat.of();
            return new Incoming[] {
                Frames.text(new Hello(Hello.VERSION, peer.wireName(), peerCapabilities, hex.formatHex(exchange.share()),
                        "test-peer")),
                Frames.text(new Confirm(hex.formatHex(confirmation.mac())))
            };
        } catch (InvalidKeyException e) {
            throw new AssertionError(e);
        }
    }
}
