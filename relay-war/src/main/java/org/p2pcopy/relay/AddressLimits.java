package org.p2pcopy.relay;

/**
 * The per-address limits: connections a minute, and failed pairings a minute (someone guessing
 * codes). Past either, the address's new connections are refused with the time to wait; other
 * addresses are not affected.
 */
final class AddressLimits {
    private final RateLimit connections;
    private final RateLimit failedPairings;

    AddressLimits(RelaySettings settings) {
        connections = new RateLimit(settings.connectionsPerMinute());
        failedPairings = new RateLimit(settings.failedPairingsPerMinute());
    }

    /** Why a new connection from {@code client} is refused, or null; an admitted one counts against its address. */
    Refusal admit(ClientAddress client) {
        long now = System.nanoTime();
        RateLimit.Outcome failures = failedPairings.check(client.limitKey(), now);
        if (!failures.allowed()) {
            return refusal(client, failures, CloseCode.TOO_MANY_FAILED_PAIRINGS,
                    "at most " + failedPairings.perMinute() + " a minute");
        }
        RateLimit.Outcome connecting = connections.take(client.limitKey(), now);
        if (!connecting.allowed()) {
            return refusal(client, connecting, CloseCode.TOO_MANY_CONNECTIONS, "at most " + connections.perMinute() + " a minute");
        }
        return null;
    }

    /** A pairing failed, and {@code suspect} is the peer that did not know the code. */
    void failedPairing(ClientAddress suspect) {
        failedPairings.charge(suspect.limitKey(), System.nanoTime());
    }

    /** Forgets addresses that have been quiet for a minute. */
    void sweep() {
        long now = System.nanoTime();
        connections.sweep(now);
        failedPairings.sweep(now);
    }

    private static Refusal refusal(ClientAddress client, RateLimit.Outcome outcome, CloseCode code,
            String limit) {
        String detail = limit + "; try again in " + outcome.retryAfterSeconds() + " s";
        if (outcome.firstRefusal()) {
            RoomLog.refused(client, code, detail);
        }
        return new Refusal(code, detail);
    }
}
