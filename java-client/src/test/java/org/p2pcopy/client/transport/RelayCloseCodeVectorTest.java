package org.p2pcopy.client.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.p2pcopy.client.Vectors;

/** docs/vectors/close-codes.json: the relay's close codes and the client's exit codes (docs/protocol.md §2.3). */
class RelayCloseCodeVectorTest {
    @TestFactory
    Stream<DynamicTest> vectorToEnum() {
        return Vectors.each("close-codes.json", test -> {
            RelayCloseCode code = RelayCloseCode.of(test.getInt("code"));
            assertNotNull(code, "the client does not know close code " + test.getInt("code"));
            assertEquals(test.getString("name"), code.wireName(), "name");
            assertEquals(test.getInt("exitCode"), code.failure().exitCode(), "exit code");
        });
    }

    /** The other direction: every close code the client knows is in the document, with the same name. */
    @Test
    void everyEnumConstantIsInTheVectors() {
        Map<Integer, String> inVectors = Vectors.tests("close-codes.json").stream().collect(Collectors.toMap(
                test -> test.getInt("code"), test -> test.getString("name"), (a, b) -> a, TreeMap::new));
        Map<Integer, String> inEnum = Arrays.stream(RelayCloseCode.values()).collect(Collectors.toMap(
                RelayCloseCode::code, RelayCloseCode::wireName, (a, b) -> a, TreeMap::new));
        assertEquals(inVectors, inEnum);
    }
}
