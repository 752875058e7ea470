package org.p2pcopy.client.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.Vectors;
import org.p2pcopy.client.crypto.Spake2;

/** docs/vectors/codes.json: the room of a code and its SPAKE2 password scalar w (docs/protocol.md §1, §7.1). */
class CodeVectorTest {
    @TestFactory
    Stream<DynamicTest> codes() {
        return Vectors.each("codes.json", test -> {
            String text = test.getString("code");
            if (Vectors.isValid(test)) {
                Code code = Code.parse(text);
                assertEquals(test.getString("room"), code.room(), "room");
                assertEquals(text, code.password(), "the whole code is the password");
                BigInteger w = Spake2.passwordScalar(code.password().getBytes(StandardCharsets.UTF_8));
                assertEquals(test.getString("w"), HexFormat.of().formatHex(BigIntegers.asUnsignedByteArray(32, w)), "w");
            } else {
                assertEquals(Failure.USAGE, assertThrows(TransferException.class, () -> Code.parse(text)).failure());
            }
        });
    }
}
