package org.p2pcopy.client.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.p2pcopy.client.Failure;
import org.p2pcopy.client.TransferException;
import org.p2pcopy.client.protocol.Role;

/**
 * Turns the relay address a user types into the WebSocket endpoint of a room (docs/protocol.md §2.1):
 * http becomes ws, https becomes wss, no scheme means wss, any path is kept as the context root.
 */
public final class RelayAddress {
    static final String ENDPOINT = "/relay/v1/";

    private RelayAddress() {
    }

    public static URI endpoint(String server, String room, Role role) throws TransferException {
        String typed = server.trim();
        if (typed.isEmpty()) {
            throw invalid(server, "it is empty");
        }
        if (!typed.contains("://")) {
            typed = "wss://" + typed;
        }
        URI uri;
        try {
            uri = new URI(typed);
        } catch (URISyntaxException e) {
            throw invalid(server, e.getReason());
        }
        String scheme = switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
            case "ws", "http" -> "ws";
            case "wss", "https" -> "wss";
            default -> throw invalid(server, "use ws://, wss://, http:// or https://");
        };
        if (uri.getHost() == null) {
            throw invalid(server, "it names no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(server, "a relay address has no '?' or '#' part");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String authority = uri.getRawAuthority();
        return URI.create(scheme + "://" + authority + path + ENDPOINT + room + "/" + role.pathSegment());
    }

    private static TransferException invalid(String server, String why) {
        return new TransferException(Failure.USAGE, "bad relay address \"" + server + "\": " + why);
    }
}
