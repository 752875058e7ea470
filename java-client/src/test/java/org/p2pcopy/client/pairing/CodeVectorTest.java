package org.p2pcopy.client.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.Vectors;
import org.p2pcopy.client.protocol.Role;

/** docs/vectors/codes.json: the room of a code and the hello proofs (docs/protocol.md §1, §4.1). */
class CodeVectorTest {
    @TestFactory
    Stream<DynamicTest> codes() {
        return Vectors.each("codes.json", test -> {
            String text = test.getString("code");
            if (Vectors.isValid(test)) {
                Code code = Code.parse(text);
                assertEquals(test.getString("room"), code.room(), "room");
                assertEquals(test.getString("proofSender"), code.proof(Role.SENDER), "sender's proof");
                assertEquals(test.getString("proofReceiver"), code.proof(Role.RECEIVER), "receiver's proof");
            } else {
                assertEquals(Failure.USAGE, assertThrows(TransferException.class, () -> Code.parse(text)).failure());
            }
        });
    }
}
