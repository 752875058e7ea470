package org.p2pcopy.relay;

/**
 * What the relay counts for its operator. The relay itself depends only on Jakarta EE; where the
 * server offers MicroProfile Metrics, {@link RelayMetrics} installs itself here and turns these
 * into counters, elsewhere they go nowhere.
 */
interface RelayEvents {
    RelayEvents NONE = new RelayEvents() {
    };

    /** A sender and a receiver were paired. */
    default void paired() {
    }

    /** A frame of {@code bytes} was handed to the other peer. */
    default void forwarded(long bytes) {
    }

    /** A connection or upgrade was refused, or a room ended by the relay, for {@code reason} (a close code's wire name, or {@code origin}). */
    default void refused(String reason) {
    }

    /** A peer reported a wrong code (4100): its pairing failed. */
    default void failedPairing() {
    }

    static RelayEvents current() {
        return Holder.current;
    }

    static void install(RelayEvents events) {
        Holder.current = events;
    }

    /** Interfaces hold no mutable fields of their own. */
    final class Holder {
        private static volatile RelayEvents current = NONE;

        private Holder() {
        }
    }
}
