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
 * @param maxTransfers paired rooms at once; past it a peer that would pair gets 1013
 * @param connectionsPerMinute connections one client address may open per minute (4005)
 * @param failedPairingsPerMinute failed pairings (wrong codes) one client address may cause per minute (4006)
 * @param allowedOrigins the browser origins allowed besides the relay's own; {@code *} allows any
 * @param trustedProxies addresses of reverse proxies whose {@code X-Forwarded-For} names the client
 */
record RelaySettings(Duration waitTimeout, Duration idleTimeout, int maxRooms, int maxConnections, int maxTransfers,
        int connectionsPerMinute, int failedPairingsPerMinute, List<String> allowedOrigins,
        List<String> trustedProxies) {
    static final String PREFIX = "p2pcopy.relay.";
    static final String WAIT_TIMEOUT_SECONDS = PREFIX + "waitTimeoutSeconds";
    static final String IDLE_TIMEOUT_SECONDS = PREFIX + "idleTimeoutSeconds";
    static final String MAX_ROOMS = PREFIX + "maxRooms";
    static final String MAX_CONNECTIONS = PREFIX + "maxConnections";
    static final String MAX_TRANSFERS = PREFIX + "maxTransfers";
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
     * What one transfer at full speed holds in the server's heap: Tyrus keeps an incoming 1 MiB
     * chunk up to four times (the unfinished frame, the unmasked payload, the message, the read
     * buffer) and the sends queued to the receiver; measured at about 4.5 MiB a pair with 200 pairs
     * (relay-war/bench/relay-load.sh), with room to spare for the collector.
     */
    static final long HEAP_PER_TRANSFER = 6L * 1024 * 1024;
    /** Payara Micro's own heap with the relay deployed and idle, and headroom. */
    static final long HEAP_BASE = 128L * 1024 * 1024;
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
                defaultMaxTransfers(), DEFAULT_CONNECTIONS_PER_MINUTE, DEFAULT_FAILED_PAIRINGS_PER_MINUTE, List.of(), List.of());
    }

    static RelaySettings from(UnaryOperator<String> contextParameters) {
        Source source = new Source(contextParameters);
        return new RelaySettings(
                Duration.ofSeconds(source.positive(WAIT_TIMEOUT_SECONDS, DEFAULT_WAIT_TIMEOUT.toSeconds())),
                Duration.ofSeconds(source.positive(IDLE_TIMEOUT_SECONDS, DEFAULT_IDLE_TIMEOUT.toSeconds())),
                (int) source.positive(MAX_ROOMS, DEFAULT_MAX_ROOMS),
                (int) source.positive(MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS),
                (int) source.positive(MAX_TRANSFERS, defaultMaxTransfers()),
                (int) source.positive(CONNECTIONS_PER_MINUTE, DEFAULT_CONNECTIONS_PER_MINUTE),
                (int) source.positive(FAILED_PAIRINGS_PER_MINUTE, DEFAULT_FAILED_PAIRINGS_PER_MINUTE),
                source.list(ALLOWED_ORIGINS), source.list(TRUSTED_PROXIES));
    }

    /**
     * As many transfers as the heap holds at full speed: a relay out of memory would fail every
     * transfer at once, where one at its cap only turns newcomers away. 21 with {@code -Xmx256m}.
     */
    static int defaultMaxTransfers() {
        long heap = Runtime.getRuntime().maxMemory();
        return (int) Math.max(4, Math.min(Integer.MAX_VALUE, (heap - HEAP_BASE) / HEAP_PER_TRANSFER));
    }

    /** One line for the log at start, so that an operator sees the limits in force. */
    String describe() {
        return "peers wait alone at most " + waitTimeout.toSeconds() + " s, paired rooms idle at most "
                + idleTimeout.toSeconds() + " s; at most " + maxRooms + " rooms, " + maxConnections
                + " connections and " + maxTransfers + " transfers; per client address " + connectionsPerMinute + " connections and "
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
