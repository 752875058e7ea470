package org.p2pcopy.client.protocol;

import java.util.List;

/**
 * Part of the list of everything the sender will send (docs/protocol.md §4.2); {@code more} says
 * that another part follows.
 */
public record Manifest(List<Entry> entries, boolean more) implements Message {
    /** At most this many entries per message, which keeps every message far below 1 MiB. */
    public static final int MAX_ENTRIES = 1000;

    public Manifest {
        entries = List.copyOf(Message.require(entries, "entries"));
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("more than " + MAX_ENTRIES + " entries in one manifest message");
        }
    }
}
