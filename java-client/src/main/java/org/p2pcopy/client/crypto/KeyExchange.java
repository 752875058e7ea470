package org.p2pcopy.client.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.util.List;
import org.p2pcopy.client.protocol.Role;

/**
 * The handshake's cryptography as p2p-copy uses it (docs/protocol.md §7.1, §7.2): SPAKE2 with the
 * whole code as the password, the sender as party A, the capabilities of both hellos bound into the
 * key confirmation, and the traffic keys derived only once the peer has confirmed.
 */
public final class KeyExchange {
    static final byte[] ID_SENDER = "sender".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ID_RECEIVER = "receiver".getBytes(StandardCharsets.US_ASCII);
    private static final String AAD_LABEL = "p2p-copy v1";

    private final Spake2 spake2;

    private KeyExchange(Spake2 spake2) {
        this.spake2 = spake2;
    }

    /** Starts this side's half of the exchange; {@code secrets} is {@link ScalarSource#random()} outside tests. */
    public static KeyExchange start(Role self, String code, ScalarSource secrets) {
        BigInteger w = Spake2.passwordScalar(code.getBytes(StandardCharsets.UTF_8));
        Spake2.Role party = self == Role.SENDER ? Spake2.Role.A : Spake2.Role.B;
        return new KeyExchange(Spake2.start(party, w, ID_SENDER, ID_RECEIVER, secrets));
    }

    /** The share for this side's hello: pA or pB, 65 bytes. */
    public byte[] share() {
        return spake2.outbound();
    }

    /**
     * Combines the peer's share with ours. The capability lists are the ones the two hellos carried,
     * as this side sent or received them: if someone in between changed either, the confirmation
     * MACs of the two sides differ.
     *
     * @throws InvalidKeyException if the peer's share is not a valid point (RFC 9382 §7)
     */
    public Confirmation finish(byte[] peerShare, List<String> senderCapabilities, List<String> receiverCapabilities)
            throws InvalidKeyException {
        return new Confirmation(spake2.finish(peerShare, aad(senderCapabilities, receiverCapabilities)));
    }

    /** AAD = lenstr("p2p-copy v1") || lenstr(sender's capabilities joined by ',') || lenstr(receiver's ...). */
    static byte[] aad(List<String> senderCapabilities, List<String> receiverCapabilities) {
        return Transcript.lengthPrefixed(utf8(AAD_LABEL), utf8(String.join(",", senderCapabilities)),
                utf8(String.join(",", receiverCapabilities)));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The keys of a finished exchange, usable for traffic only once the peer's MAC has been checked. */
    public static final class Confirmation {
        private final Spake2.Keys keys;

        private Confirmation(Spake2.Keys keys) {
            this.keys = keys;
        }

        /** This side's MAC for its confirm message. */
        public byte[] mac() {
            return keys.confirmation();
        }

        /**
         * Checks the peer's MAC (in constant time) and, if it is right, returns the traffic keys.
         *
         * @return the keys, or null if the MAC is wrong: a different code, or tampering
         */
        public TrafficKeys confirm(byte[] peerMac) {
            return keys.confirms(peerMac) ? TrafficKeys.derive(keys.ke()) : null;
        }

        Spake2.Keys spake2Keys() {
            return keys;
        }
    }
}
