package org.p2pcopy.client.crypto;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.p2pcopy.client.Vectors;
import org.p2pcopy.client.protocol.Role;

/**
 * docs/vectors/handshake.json: the handshake's cryptography (docs/protocol.md §4.1, §7.1-7.2) as
 * {@link KeyExchange} runs it, each peer on its own with the code, secret and capability lists it has.
 */
class HandshakeVectorTest {
    private static final HexFormat HEX = HexFormat.of();

    /** The keys a peer's values go by in the vectors. */
    private record Peer(Role role, String name, String title, String secret, String share, String mac) {
        static final Peer SENDER = new Peer(Role.SENDER, "sender", "Sender", "x", "pA", "cA");
        static final Peer RECEIVER = new Peer(Role.RECEIVER, "receiver", "Receiver", "y", "pB", "cB");

        Peer other() {
            return this == SENDER ? RECEIVER : SENDER;
        }

        static Peer named(String name) {
            return SENDER.name.equals(name) ? SENDER : RECEIVER;
        }
    }

    @TestFactory
    Stream<DynamicTest> handshakes() {
        return Vectors.each("handshake.json", test -> {
            switch (test.getString("result")) {
                case "valid" -> checkValid(test);
                case "wrong_code" -> checkWrongCode(test);
                case "invalid" -> checkRefused(test);
                default -> throw new AssertionError("unknown result " + test.getString("result"));
            }
        });
    }

    /** Both peers compute every value of the vector, accept each other's MAC and get the same traffic keys. */
    private static void checkValid(JsonObject test) throws InvalidKeyException {
        byte[] code = test.getString("code").getBytes(StandardCharsets.UTF_8);
        assertEquals(test.getString("w"), HEX.formatHex(P256.encodeScalar(Spake2.passwordScalar(code))), "w");
        assertEquals(test.getString("aad"), HEX.formatHex(KeyExchange.aad(capabilities(test, Peer.SENDER, Peer.SENDER),
                capabilities(test, Peer.RECEIVER, Peer.RECEIVER))), "aad");
        Spake2VectorTest.checkKeySchedule(test, KeyExchange.ID_SENDER, KeyExchange.ID_RECEIVER);
        for (Peer peer : List.of(Peer.SENDER, Peer.RECEIVER)) {
            assertEquals(test.getString(peer.share), test.getJsonObject(peer.name + "Hello").getString("spake2"),
                    peer.name + "Hello.spake2");
            assertEquals(test.getString(peer.mac), test.getJsonObject(peer.name + "Confirm").getString("mac"),
                    peer.name + "Confirm.mac");

            KeyExchange.Confirmation confirmation = run(test, peer);
            assertEquals(test.getString("TT"), HEX.formatHex(confirmation.spake2Keys().transcript()), peer.name + "'s TT");
            assertEquals(test.getString("Ke"), HEX.formatHex(confirmation.spake2Keys().ke()), peer.name + "'s Ke");
            TrafficKeys keys = confirmation.confirm(bytes(test, peer.other().mac));
            assertNotNull(keys, peer.name + " refused " + peer.other().mac);
            assertEquals(test.getString("keyS2R"), HEX.formatHex(keys.senderToReceiver()), peer.name + "'s keyS2R");
            assertEquals(test.getString("keyR2S"), HEX.formatHex(keys.receiverToSender()), peer.name + "'s keyR2S");
        }
    }

    /** Each peer, with its own code and the lists it sent and saw, expects a MAC the other does not send. */
    private static void checkWrongCode(JsonObject test) throws InvalidKeyException {
        for (Peer peer : List.of(Peer.SENDER, Peer.RECEIVER)) {
            KeyExchange.Confirmation confirmation = run(test, peer);
            assertNotNull(confirmation.confirm(bytes(test, peer.name + "Expects")),
                    peer.name + " does not expect " + peer.name + "Expects");
            assertNull(confirmation.confirm(bytes(test, peer.other().mac)), peer.name + " accepted " + peer.other().mac);
        }
    }

    /**
     * The peer refuses the share: at the share check (not a valid point of P-256), or, for a valid
     * point, because it makes K the identity.
     */
    private static void checkRefused(JsonObject test) {
        byte[] share = bytes(test, "share");
        switch (test.getString("refused")) {
            case "share" -> assertThrows(InvalidKeyException.class, () -> P256.decodeShare(share), "the share check");
            case "K" -> assertDoesNotThrow(() -> P256.decodeShare(share), "a valid point");
            default -> throw new AssertionError("unknown refused " + test.getString("refused"));
        }
        Peer peer = Peer.named(test.getString("receivedBy"));
        KeyExchange exchange = start(test, peer);
        assertThrows(InvalidKeyException.class, () -> exchange.finish(share, List.of(), List.of()));
    }

    /** The peer's half of the handshake: its share, and its MAC for confirm, from the peer's share. */
    private static KeyExchange.Confirmation run(JsonObject test, Peer peer) throws InvalidKeyException {
        KeyExchange exchange = start(test, peer);
        assertEquals(test.getString(peer.share), HEX.formatHex(exchange.share()), peer.name + "'s share " + peer.share);
        KeyExchange.Confirmation confirmation = exchange.finish(bytes(test, peer.other().share),
                capabilities(test, peer, Peer.SENDER), capabilities(test, peer, Peer.RECEIVER));
        assertEquals(test.getString(peer.mac), HEX.formatHex(confirmation.mac()), peer.name + " sends " + peer.mac);
        return confirmation;
    }

    /** The peer's key exchange with its code ({@code code}, or its own {@code senderCode}/{@code receiverCode}) and secret. */
    private static KeyExchange start(JsonObject test, Peer peer) {
        String code = test.getString(test.containsKey("code") ? "code" : peer.name + "Code");
        return KeyExchange.start(peer.role, code, ScalarSource.fixed(new BigInteger(1, bytes(test, peer.secret))));
    }

    /**
     * The capability list of {@code owner}'s hello as {@code peer} has it: as sent for its own hello,
     * as it arrived ({@code senderSeesReceiverCapabilities}, ...) for the other's if the vector says.
     */
    private static List<String> capabilities(JsonObject test, Peer peer, Peer owner) {
        String seen = peer.name + "Sees" + owner.title + "Capabilities";
        String key = peer != owner && test.containsKey(seen) ? seen : owner.name + "Capabilities";
        return test.getJsonArray(key).getValuesAs(JsonString::getString);
    }

    private static byte[] bytes(JsonObject test, String key) {
        return Vectors.hex(test.getString(key));
    }
}
