package org.p2pcopy.client.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.Vectors;
import org.p2pcopy.client.protocol.Role;

/** docs/vectors/endpoints.json: the relay endpoint for an address as typed (docs/protocol.md §2.1). */
class RelayAddressVectorTest {
    // The vectors name roles by their path segment; spelled out here rather than taken from Role.
    private static final Map<String, Role> ROLES = Map.of("send", Role.SENDER, "receive", Role.RECEIVER);

    @TestFactory
    Stream<DynamicTest> endpoints() {
        return Vectors.each("endpoints.json", test -> {
            String server = test.getString("server");
            String room = test.getString("room");
            Role role = ROLES.get(test.getString("role"));
            assertNotNull(role, "unknown role in the vector");
            if (Vectors.isValid(test)) {
                assertEquals(test.getString("url"), RelayAddress.endpoint(server, room, role).toString());
            } else {
                assertEquals(Failure.USAGE, assertThrows(TransferException.class,
                        () -> RelayAddress.endpoint(server, room, role)).failure());
            }
        });
    }
}
