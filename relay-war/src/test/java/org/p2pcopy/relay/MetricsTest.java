package org.p2pcopy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final Metrics METRICS = Metrics.parse("""
            # HELP p2pcopy_relay_rooms rooms open: a peer waiting, or a pair
            # TYPE p2pcopy_relay_rooms gauge
            p2pcopy_relay_rooms{mp_scope="application"} 2.0
            # TYPE p2pcopy_relay_refusals_total counter
            p2pcopy_relay_refusals_total{mp_scope="application",reason="too_many_connections"} 30.0
            p2pcopy_relay_refusals_total{mp_scope="application",reason="room_taken"} 3.0 1796600269487
            p2pcopy_relay_refusals_total{mp_scope="application",reason="a \\"quoted\\", odd}"} 1.0
            process_uptime_seconds 12.5
            """);

    @Test
    void sumsAMetricOverItsLabelSets() {
        assertEquals(34, METRICS.value("p2pcopy_relay_refusals_total"));
        assertEquals(2, METRICS.value("p2pcopy_relay_rooms"));
        assertEquals(12.5, METRICS.value("process_uptime_seconds"));
    }

    @Test
    void picksTheLabelSetsWithOneLabelsValue() {
        assertEquals(30, METRICS.value("p2pcopy_relay_refusals_total", "reason", "too_many_connections"));
        assertEquals(3, METRICS.value("p2pcopy_relay_refusals_total", "reason", "room_taken"));
        assertEquals(1, METRICS.value("p2pcopy_relay_refusals_total", "reason", "a \"quoted\", odd}"));
        assertEquals(0, METRICS.value("p2pcopy_relay_refusals_total", "reason", "idle"));
    }

    @Test
    void aMetricThatIsNotThereIsAnError() {
        assertThrows(AssertionError.class, () -> METRICS.value("p2pcopy_relay_connections"));
    }
}
