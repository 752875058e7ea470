package org.p2pcopy.client.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.p2pcopy.client.Vectors;

/**
 * docs/vectors/spake2.json: RFC 9382 Appendix B, the four vectors of SPAKE2 P256-SHA256-HKDF-HMAC
 * (docs/protocol.md §7.1-7.2 without our AAD). Every value is compared: pA, pB, K (through TT), TT,
 * Ke, Ka, KcA, KcB, cA, cB, and each side accepts the other's MAC.
 */
class Spake2VectorTest {
    private static final HexFormat HEX = HexFormat.of();

    @TestFactory
    Stream<DynamicTest> rfc9382() {
        return Vectors.each("spake2.json", test -> {
            byte[] idA = test.getString("idA").getBytes(StandardCharsets.UTF_8);
            byte[] idB = test.getString("idB").getBytes(StandardCharsets.UTF_8);
            byte[] aad = Vectors.hex(test.getString("aad"));
            BigInteger w = scalar(test, "w");
            assertEquals(test.getString("w"), HEX.formatHex(P256.encodeScalar(w)), "w as 32 bytes");
            Spake2 a = Spake2.start(Spake2.Role.A, w, idA, idB, ScalarSource.fixed(scalar(test, "x")));
            Spake2 b = Spake2.start(Spake2.Role.B, w, idA, idB, ScalarSource.fixed(scalar(test, "y")));
            assertEquals(test.getString("pA"), HEX.formatHex(a.outbound()), "pA");
            assertEquals(test.getString("pB"), HEX.formatHex(b.outbound()), "pB");

            Spake2.Keys keysA = a.finish(Vectors.hex(test.getString("pB")), aad);
            Spake2.Keys keysB = b.finish(Vectors.hex(test.getString("pA")), aad);
            checkKeySchedule(test, idA, idB);
            checkKeys(test, keysA, "A", "cA", "cB");
            checkKeys(test, keysB, "B", "cB", "cA");
        });
    }

    /**
     * The values the vector derives from its transcript: TT laid out as RFC 9382 §4 says from idA,
     * idB, pA, pB, K and w (so K is checked through TT), and Ke, Ka, KcA, KcB, cA, cB from TT and aad.
     * Shared with {@link HandshakeVectorTest}, whose cases carry the same keys.
     */
    static void checkKeySchedule(JsonObject test, byte[] idA, byte[] idB) {
        String tt = test.getString("TT");
        assertEquals(tt, HEX.formatHex(Transcript.of(idA, idB, bytes(test, "pA"), bytes(test, "pB"), bytes(test, "K"),
                bytes(test, "w"))), "TT from idA, idB, pA, pB, K and w");
        KeySchedule schedule = KeySchedule.of(HEX.parseHex(tt), bytes(test, "aad"));
        assertEquals(test.getString("Ke"), HEX.formatHex(schedule.ke), "Ke");
        assertEquals(test.getString("Ka"), HEX.formatHex(schedule.ka), "Ka");
        assertEquals(test.getString("KcA"), HEX.formatHex(schedule.kcA), "KcA");
        assertEquals(test.getString("KcB"), HEX.formatHex(schedule.kcB), "KcB");
        assertEquals(test.getString("cA"), HEX.formatHex(schedule.cA), "cA");
        assertEquals(test.getString("cB"), HEX.formatHex(schedule.cB), "cB");
    }

    /** One party's finished exchange: its TT and Ke, the MAC it sends, and that it accepts the peer's. */
    private static void checkKeys(JsonObject test, Spake2.Keys keys, String party, String sends, String expects) {
        assertEquals(test.getString("TT"), HEX.formatHex(keys.transcript()), "TT (" + party + ")");
        assertEquals(test.getString("Ke"), HEX.formatHex(keys.ke()), "Ke (" + party + ")");
        assertEquals(test.getString(sends), HEX.formatHex(keys.confirmation()), party + " sends " + sends);
        assertTrue(keys.confirms(bytes(test, expects)), party + " accepts " + expects);
    }

    private static BigInteger scalar(JsonObject test, String key) {
        return new BigInteger(1, bytes(test, key));
    }

    private static byte[] bytes(JsonObject test, String key) {
        return Vectors.hex(test.getString(key));
    }
}
