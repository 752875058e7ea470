package org.p2pcopy.client.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.p2pcopy.client.Vectors;

/**
 * docs/vectors/close-codes.json (docs/protocol.md §2.3): the relay's close codes with the client's
 * exit codes, and the codes the client closes with itself.
 */
class RelayCloseCodeVectorTest {
    private static final String FILE = "close-codes.json";

    @TestFactory
    Stream<DynamicTest> vectorToEnum() {
        return Vectors.each(FILE, test -> {
            int code = test.getInt("code");
            if ("relay".equals(test.getString("by"))) {
                RelayCloseCode known = RelayCloseCode.of(code);
                assertNotNull(known, "the client does not know close code " + code);
                assertEquals(test.getString("name"), known.wireName(), "name");
                assertEquals(test.getInt("exitCode"), known.failure().exitCode(), "exit code");
            } else {
                assertEquals("peer", test.getString("by"));
                PeerCloseCode sent = Arrays.stream(PeerCloseCode.values()).filter(c -> c.code() == code).findFirst()
                        .orElseThrow(() -> new AssertionError("the client never closes with " + code));
                assertEquals(test.getString("name"), sent.wireName(), "name");
                assertEquals(test.getInt("exitCode"), sent.failure().exitCode(), "exit code");
            }
        });
    }

    /** The other direction: every close code the client knows is in the document, with the same name. */
    @Test
    void everyRelayCodeIsInTheVectors() {
        assertEquals(inVectors("relay"), byCode(RelayCloseCode.values(), RelayCloseCode::code, RelayCloseCode::wireName));
    }

    @Test
    void everyPeerCodeIsInTheVectors() {
        assertEquals(inVectors("peer"), byCode(PeerCloseCode.values(), PeerCloseCode::code, PeerCloseCode::wireName));
    }

    private static Map<Integer, String> inVectors(String by) {
        return Vectors.tests(FILE).stream().filter(test -> by.equals(test.getString("by"))).collect(Collectors.toMap(
                test -> test.getInt("code"), test -> test.getString("name"), (a, b) -> a, TreeMap::new));
    }

    private static <T> Map<Integer, String> byCode(T[] values, Function<T, Integer> code, Function<T, String> name) {
        return Arrays.stream(values).collect(Collectors.toMap(code, name, (a, b) -> a, TreeMap::new));
    }
}
