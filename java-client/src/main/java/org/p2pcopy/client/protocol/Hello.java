package org.p2pcopy.client.protocol;

import java.util.List;

/**
 * The first message of each peer (docs/protocol.md §4.1).
 *
 * @param version the protocol version, 1
 * @param role {@code sender} or {@code receiver}
 * @param capabilities optional features this peer supports; none are defined in version 1
 * @param proof HMAC of the peer's role under the whole code, in hex
 * @param software name and version of the implementation, for diagnostics; may be null
 */
public record Hello(int version, String role, List<String> capabilities, String proof, String software)
        implements Message {
    public static final int VERSION = 1;

    public Hello {
        Message.require(role, "role");
        if (Role.fromWire(role) == null) {
            throw new IllegalArgumentException("unknown role " + role);
        }
        capabilities = List.copyOf(Message.require(capabilities, "capabilities"));
        Message.requireDigest(proof, "proof");
    }
}
