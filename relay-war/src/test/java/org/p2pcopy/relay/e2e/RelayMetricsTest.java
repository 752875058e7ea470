package org.p2pcopy.relay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RelayMetricsTest {
    private static final String TEXT = """
            # HELP p2pcopy_relay_rooms Rooms open
            # TYPE p2pcopy_relay_rooms gauge
            p2pcopy_relay_rooms{mp_scope="application"} 3.0
            p2pcopy_relay_rooms_waiting{mp_scope="application"} 7.0
            p2pcopy_relay_forwarded_bytes_total{mp_scope="application",note="a } and \\" in it"} 1.5E9
            p2pcopy_relay_forwarded_bytes_total{mp_scope="vendor"} 2.0 1700000000000
            p2pcopy_relay_connections 4
            """;

    @Test
    void aMetricIsSummedOverItsLabelSetsAndNotConfusedWithALongerName() {
        assertEquals(3.0, RelayMetrics.value(TEXT, "p2pcopy_relay_rooms").getAsDouble());
        assertEquals(1.5e9 + 2, RelayMetrics.value(TEXT, "p2pcopy_relay_forwarded_bytes_total").getAsDouble());
        assertEquals(4.0, RelayMetrics.value(TEXT, "p2pcopy_relay_connections").getAsDouble());
    }

    @Test
    void anAbsentMetricIsEmpty() {
        assertTrue(RelayMetrics.value(TEXT, "p2pcopy_relay_transfers").isEmpty());
        assertTrue(RelayMetrics.value(TEXT, "p2pcopy_relay").isEmpty());
    }
}
