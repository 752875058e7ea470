package org.p2pcopy.relay;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The relay's knobs (docs/relay.md, Settings). Each is read from a system property, else from a
 * servlet context parameter of the same name (web.xml), else its default, so the one WAR serves
 * every deployment unchanged and an operator changes a limit without rebuilding it.
 *
 * @param waitTimeout how long a peer may wait alone for its partner (4003)
 * @param idleTimeout how long a paired room may stay without a frame either way (4007)
 * @param maxRooms rooms open at once, waiting or paired; past it newcomers get 1013
 * @param maxConnections WebSocket connections open at once; past it newcomers get 1013
 * @param connectionsPerMinute connections one client address may open per minute (4005)
 * @param failedPairingsPerMinute failed pairings (wrong codes) one client address may cause per minute (4006)
 * @param allowedOrigins the browser origins allowed besides the relay's own; {@code *} allows any
 * @param trustedProxies addresses of reverse proxies whose {@code X-Forwarded-For} names the client
 */
record RelaySettings(Duration waitTimeout, Duration idleTimeout, int maxRooms, int maxConnections,
        int connectionsPerMinute, int failedPairingsPerMinute, List<String> allowedOrigins,
        List<String> trustedProxies) {
    static final String PREFIX = "p2pcopy.relay.";
    static final String WAIT_TIMEOUT_SECONDS = PREFIX + "waitTimeoutSeconds";
    static final String IDLE_TIMEOUT_SECONDS = PREFIX + "idleTimeoutSeconds";
    static final String MAX_ROOMS = PREFIX + "maxRooms";
    static final String MAX_CONNECTIONS = PREFIX + "maxConnections";
    static final String CONNECTIONS_PER_MINUTE = PREFIX + "connectionsPerMinute";
    static final String FAILED_PAIRINGS_PER_MINUTE = PREFIX + "failedPairingsPerMinute";
    static final String ALLOWED_ORIGINS = PREFIX + "allowedOrigins";
    static final String TRUSTED_PROXIES = PREFIX + "trustedProxies";

    /**
     * The largest frame the relay forwards: a chunk is at most 1 MiB of payload plus 40 bytes of
     * header, so 2 MiB leaves room for the framing of later versions. Annotations need a constant,
     * so this one is not configurable; web.xml sets the container's own buffer to match.
     */
    static final int MAX_FRAME_BYTES = 2 * 1024 * 1024;

    static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofMinutes(10);
    /**
     * Longer than any pause of an honest peer: the page's receiver waits for its user to click
     * Accept with nothing moving, as long as a peer may wait alone for its partner; the command
     * line's longest pause, checking held data before a resume, takes about a second per GiB.
     */
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    static final int DEFAULT_MAX_ROOMS = 5_000;
    static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /**
     * A cluster's login node or an office's NAT puts many honest users behind one address, each
     * transfer taking one connection, a resume or a retry another: 120 a minute leaves them room
     * while a flood from one address is cut off within a second.
     */
    static final int DEFAULT_CONNECTIONS_PER_MINUTE = 120;
    /** A typo costs one; a guesser trying codes one after another is slowed to this many a minute. */
    static final int DEFAULT_FAILED_PAIRINGS_PER_MINUTE = 10;

    static RelaySettings defaults() {
        return new RelaySettings(DEFAULT_WAIT_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_ROOMS, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_CONNECTIONS_PER_MINUTE, DEFAULT_FAILED_PAIRINGS_PER_MINUTE, List.of(), List.of());
    }

    static RelaySettings from(UnaryOperator<String> contextParameters) {
        Source source = new Source(contextParameters);
        return new RelaySettings(
                Duration.ofSeconds(source.positive(WAIT_TIMEOUT_SECONDS, DEFAULT_WAIT_TIMEOUT.toSeconds())),
                Duration.ofSeconds(source.positive(IDLE_TIMEOUT_SECONDS, DEFAULT_IDLE_TIMEOUT.toSeconds())),
                (int) source.positive(MAX_ROOMS, DEFAULT_MAX_ROOMS),
                (int) source.positive(MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS),
                (int) source.positive(CONNECTIONS_PER_MINUTE, DEFAULT_CONNECTIONS_PER_MINUTE),
                (int) source.positive(FAILED_PAIRINGS_PER_MINUTE, DEFAULT_FAILED_PAIRINGS_PER_MINUTE),
                source.list(ALLOWED_ORIGINS), source.list(TRUSTED_PROXIES));
    }

    /** One line for the log at start, so that an operator sees the limits in force. */
    String describe() {
        return "peers wait alone at most " + waitTimeout.toSeconds() + " s, paired rooms idle at most "
                + idleTimeout.toSeconds() + " s; at most " + maxRooms + " rooms and " + maxConnections
                + " connections; per client address " + connectionsPerMinute + " connections and "
                + failedPairingsPerMinute + " failed pairings a minute; frames up to " + MAX_FRAME_BYTES
                + " bytes; browser origins: the relay's own" + (allowedOrigins.isEmpty() ? "" : " and " + allowedOrigins)
                + "; trusted proxies: " + (trustedProxies.isEmpty() ? "none" : trustedProxies);
    }

    /** System properties first, then the context parameters. */
    private record Source(UnaryOperator<String> contextParameters) {
        String raw(String name) {
            String value = System.getProperty(name, contextParameters.apply(name));
            return value == null || value.isBlank() ? null : value.trim();
        }

        long positive(String name, long fallback) {
            return parsed(name, fallback, value -> {
                long number = Long.parseLong(value);
                if (number <= 0) {
                    throw new IllegalArgumentException(name + " must be positive, not " + value);
                }
                return number;
            });
        }

        List<String> list(String name) {
            return parsed(name, List.of(), value -> Arrays.stream(value.split("[,\\s]+"))
                    .filter(item -> !item.isEmpty()).toList());
        }

        private <T> T parsed(String name, T fallback, Function<String, T> parse) {
            String value = raw(name);
            if (value == null) {
                return fallback;
            }
            try {
                return parse.apply(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, not " + value, e);
            }
        }
    }
}
