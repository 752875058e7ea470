package org.p2pcopy.relay;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The relay's figures as MicroProfile Metrics, which Payara Micro serves at {@code /metrics} in
 * Prometheus' format (docs/relay.md, Health and metrics). Gauges read the registry when scraped;
 * counters follow {@link RelayEvents}. A server without MicroProfile never loads this class.
 */
@ApplicationScoped
public class RelayMetrics implements RelayEvents {
    static final String ROOMS = "p2pcopy_relay_rooms";
    static final String TRANSFERS = "p2pcopy_relay_transfers";
    static final String CONNECTIONS = "p2pcopy_relay_connections";
    static final String PAIRINGS = "p2pcopy_relay_pairings";
    static final String FORWARDED_BYTES = "p2pcopy_relay_forwarded_bytes";
    static final String REFUSALS = "p2pcopy_relay_refusals";
    static final String FAILED_PAIRINGS = "p2pcopy_relay_failed_pairings";

    @Inject
    MetricRegistry registry;

    private Counter pairings;
    private Counter forwarded;
    private Counter failedPairings;
    private final Map<String, Counter> refusals = new ConcurrentHashMap<>();

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry.gauge(describe(ROOMS, "rooms open: a peer waiting, or a pair"),
                () -> RoomRegistry.instance().openRooms());
        registry.gauge(describe(TRANSFERS, "paired rooms: transfers in progress"),
                () -> RoomRegistry.instance().pairedRooms());
        registry.gauge(describe(CONNECTIONS, "WebSocket connections open"),
                () -> RoomRegistry.instance().openConnections());
        pairings = registry.counter(describe(PAIRINGS, "senders and receivers paired"));
        forwarded = registry.counter(describe(FORWARDED_BYTES, "bytes of frames forwarded between peers"));
        failedPairings = registry.counter(describe(FAILED_PAIRINGS, "pairings a peer reported as a wrong code (4100)"));
        RelayEvents.install(this);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        RelayEvents.install(RelayEvents.NONE);
    }

    private static Metadata describe(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).build();
    }

    @Override
    public void paired() {
        pairings.inc();
    }

    @Override
    public void forwarded(long bytes) {
        forwarded.inc(bytes);
    }

    @Override
    public void refused(String reason) {
        refusals.computeIfAbsent(reason, key -> registry.counter(
                describe(REFUSALS, "connections refused and rooms ended by the relay, by reason"), new Tag("reason", key)))
                .inc();
    }

    @Override
    public void failedPairing() {
        failedPairings.inc();
    }
}
