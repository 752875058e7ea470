package org.p2pcopy.client;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to send and where.
 *
 * @param server the relay's base URL as a user types it, e.g. {@code wss://relay.example.org}
 * @param code the code both sides type; its part before the first '-' names the room
 * @param paths files and folders to send, each under its own last name
 */
public record SendRequest(String server, String code, List<Path> paths) {
    public SendRequest {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(code, "code");
        paths = List.copyOf(paths);
    }
}
