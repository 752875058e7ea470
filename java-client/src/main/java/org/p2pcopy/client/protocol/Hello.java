package org.p2pcopy.client.protocol;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The first message of each peer (docs/protocol.md §4.1).
 *
 * @param version the protocol version, 1
 * @param role {@code sender} or {@code receiver}
 * @param capabilities optional features this peer supports (see {@link #ENCRYPTION}, {@link #ZSTD})
 * @param spake2 the peer's SPAKE2 share, a 65-byte uncompressed P-256 point in hex
 * @param software name and version of the implementation, for diagnostics; may be null
 */
public record Hello(int version, String role, List<String> capabilities, String spake2, String software)
        implements Message {
    public static final int VERSION = 1;
    /** The capability that turns sealed frames on (docs/protocol.md §4.1, §7.3). */
    public static final String ENCRYPTION = "aes-256-gcm";
    /** The capability of compressed chunks: a zstd frame as payload, bit 63 of seq set (docs/protocol.md §3.2). */
    public static final String ZSTD = "zstd";
    private static final Pattern SHARE = Pattern.compile("[0-9a-f]{130}");
    private static final Pattern CAPABILITY = Pattern.compile("[a-z0-9-]{1,32}");

    public Hello {
        Message.require(role, "role");
        if (Role.fromWire(role) == null) {
            throw new IllegalArgumentException("unknown role " + role);
        }
        capabilities = List.copyOf(Message.require(capabilities, "capabilities"));
        for (String capability : capabilities) {
            if (!CAPABILITY.matcher(capability).matches()) {
                throw new IllegalArgumentException("a capability is 1 to 32 of a-z, 0-9 and '-'");
            }
        }
        if (Message.require(spake2, "spake2").length() != 130 || !SHARE.matcher(spake2).matches()) {
            throw new IllegalArgumentException("spake2 must be 130 lower-case hex digits");
        }
    }
}
