package org.p2pcopy.client.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.p2pcopy.client.Vectors;

/** docs/vectors/paths.json: which manifest paths are allowed (docs/protocol.md §5). */
class PathRulesVectorTest {
    @TestFactory
    Stream<DynamicTest> paths() {
        return Vectors.each("paths.json", test -> {
            String path = test.getString("path");
            if (Vectors.isValid(test)) {
                assertNull(PathRules.problem(path));
            } else {
                assertNotNull(PathRules.problem(path), "an invalid path passed");
                // The receiver answers a refused path with bad_path, not a generic protocol error.
                assertEquals(ErrorCode.BAD_PATH, assertThrows(ProtocolException.class, () -> PathRules.check(path))
                        .code());
            }
        });
    }
}
