package org.p2pcopy.relay;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The relay's endpoint path, {@code /relay/v1/{room}/{role}} (docs/protocol.md §2.1), and why one is refused. */
final class EndpointPath {
    static final String VERSION = "v1";
    static final String EXPECTED = "expected /relay/" + VERSION + "/ROOM/send or /relay/" + VERSION + "/ROOM/receive";
    private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Pattern SEGMENTS = Pattern.compile("/relay/([^/]+)/([^/]+)/([^/]+)");

    private EndpointPath() {
    }

    /** Why a path below the context root is refused, or null for one the endpoint serves. */
    static Refusal refusal(String path) {
        Matcher segments = SEGMENTS.matcher(path);
        if (!segments.matches()) {
            return new Refusal(CloseCode.BAD_REQUEST, EXPECTED);
        }
        return refusal(segments.group(1), segments.group(2), segments.group(3));
    }

    /** Why the endpoint's path parameters are refused, or null. */
    static Refusal refusal(String version, String room, String role) {
        if (!VERSION.equals(version)) {
            return new Refusal(CloseCode.UNSUPPORTED_VERSION, "this relay speaks " + VERSION);
        }
        if (Role.fromPath(role) == null || !ROOM.matcher(room).matches()) {
            return new Refusal(CloseCode.BAD_REQUEST, EXPECTED);
        }
        return null;
    }
}
