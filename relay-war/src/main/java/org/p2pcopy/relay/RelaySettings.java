package org.p2pcopy.relay;

import java.time.Duration;

/**
 * The relay's knobs. Each is read from a system property, else from a servlet context parameter of
 * the same name (web.xml), else its default, so the one WAR serves every deployment unchanged.
 */
record RelaySettings(Duration waitTimeout) {
    static final String WAIT_TIMEOUT_SECONDS = "p2pcopy.relay.waitTimeoutSeconds";

    /**
     * The largest frame the relay forwards: a chunk is at most 1 MiB of payload plus 40 bytes of
     * header, so 2 MiB leaves room for the framing of later versions. Annotations need a constant,
     * so this one is not configurable; web.xml sets the container's own buffer to the same value.
     */
    static final int MAX_FRAME_BYTES = 2 * 1024 * 1024;

    static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofMinutes(10);

    static RelaySettings defaults() {
        return new RelaySettings(DEFAULT_WAIT_TIMEOUT);
    }

    static RelaySettings from(java.util.function.UnaryOperator<String> contextParameters) {
        String wait = System.getProperty(WAIT_TIMEOUT_SECONDS, contextParameters.apply(WAIT_TIMEOUT_SECONDS));
        Duration waitTimeout = DEFAULT_WAIT_TIMEOUT;
        if (wait != null && !wait.isBlank()) {
            long seconds = Long.parseLong(wait.trim());
            if (seconds <= 0) {
                throw new IllegalArgumentException(WAIT_TIMEOUT_SECONDS + " must be positive, not " + wait);
            }
            waitTimeout = Duration.ofSeconds(seconds);
        }
        return new RelaySettings(waitTimeout);
    }
}
