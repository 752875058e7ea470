package org.p2pcopy.client.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.p2pcopy.client.Vectors;

/** docs/vectors/error-codes.json: the error message's codes and the exit code they lead to (§3.1). */
class ErrorCodeVectorTest {
    @TestFactory
    Stream<DynamicTest> vectorToEnum() {
        return Vectors.each("error-codes.json", test -> {
            String name = test.getString("code");
            ErrorCode code = ErrorCode.fromWire(name);
            // fromWire maps unknown names to PROTOCOL, so the name must come back to be a real match.
            assertEquals(name, code.wireName(), "no error code named " + name);
            assertEquals(test.getInt("exitCode"), code.failure().exitCode(), "exit code");
        });
    }

    /** The other direction: no code in the client that the document does not define. */
    @Test
    void everyEnumConstantIsInTheVectors() {
        Set<String> inVectors = Vectors.tests("error-codes.json").stream().map(test -> test.getString("code"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> inEnum = Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(inVectors, inEnum);
    }

    @Test
    void unknownCodesCountAsProtocol() {
        assertEquals(ErrorCode.PROTOCOL, ErrorCode.fromWire("teleport_failed"));
    }
}
