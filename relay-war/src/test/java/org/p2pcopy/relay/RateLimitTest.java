package org.p2pcopy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimitTest {
    private static final long SECOND = 1_000_000_000L;
    private final RateLimit limit = new RateLimit(6);

    @Test
    void letsABurstUpToTheLimitThroughThenOneEveryTenthOfAMinute() {
        for (int i = 0; i < 6; i++) {
            assertTrue(limit.take("a", 0).allowed(), "connection " + i);
        }
        RateLimit.Outcome refused = limit.take("a", 0);
        assertFalse(refused.allowed());
        assertEquals(10, refused.retryAfterSeconds());
        assertTrue(refused.firstRefusal());
        assertFalse(limit.take("a", SECOND).firstRefusal(), "only the first refusal is logged");
        assertTrue(limit.take("a", 10 * SECOND).allowed());
        assertFalse(limit.take("a", 10 * SECOND).allowed());
    }

    @Test
    void keepsAddressesApart() {
        for (int i = 0; i < 6; i++) {
            limit.take("a", 0);
        }
        assertTrue(limit.take("b", 0).allowed());
    }

    @Test
    void checkingTakesNothingButChargingDoes() {
        for (int i = 0; i < 6; i++) {
            assertTrue(limit.check("a", 0).allowed());
            limit.charge("a", 0);
        }
        assertFalse(limit.check("a", 0).allowed());
        limit.charge("a", 0);
        assertTrue(limit.check("a", 10 * SECOND).allowed(), "charging past empty does not dig deeper");
    }

    @Test
    void forgetsAddressesOnceTheirBucketIsFullAgain() {
        limit.take("a", 0);
        limit.take("b", 55 * SECOND);
        limit.sweep(60 * SECOND);
        assertEquals(1, limit.tracked());
        limit.sweep(70 * SECOND);
        assertEquals(0, limit.tracked());
    }

    @Test
    void passesUnknownAddresses() {
        for (int i = 0; i < 10; i++) {
            assertTrue(limit.take(null, 0).allowed());
        }
    }
}
