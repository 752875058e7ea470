package org.p2pcopy.client;

import java.time.Duration;

/**
 * What a resumed transfer did not have to move again (docs/protocol.md §4.8).
 *
 * @param bytes file bytes the receiver already held and both sides verified, not sent again
 * @param complete files that were complete on the receiver and skipped
 * @param continued files that continued where the earlier transfer stopped
 * @param restarted files that had changed on one side and were sent again from the start
 * @param checking the time this side spent hashing what was already there
 */
public record Resumption(long bytes, int complete, int continued, int restarted, Duration checking) {
    public static final Resumption NONE = new Resumption(0, 0, 0, 0, Duration.ZERO);

    /** Whether anything was held: the transfer was a resumed one. */
    public boolean any() {
        return complete + continued + restarted > 0;
    }
}
