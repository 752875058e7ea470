package org.p2pcopy.relay;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address: {@code perMinute} tokens, refilled evenly over a minute, so
 * that a burst up to the limit passes and a steady stream above it is cut to the limit's pace.
 * Buckets that have filled up again are forgotten, so memory follows the addresses active within
 * the last minute.
 */
final class RateLimit {
    private static final long MINUTE_NANOS = 60_000_000_000L;
    /** Past this many tracked addresses, new ones pass unchecked rather than the relay's memory growing without end. */
    static final int MAX_TRACKED = 100_000;

    private final int perMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private final class Bucket {
        private double tokens = perMinute;
        private long refilled;
        /** The refusals told to the log since the bucket last had a token: only the first is. */
        private boolean refusalLogged;

        Bucket(long now) {
            refilled = now;
        }

        private void refill(long now) {
            tokens = Math.min(perMinute, tokens + (double) (now - refilled) * perMinute / MINUTE_NANOS);
            refilled = now;
        }

        private long nanosToNextToken() {
            return (long) Math.ceil((1 - tokens) * MINUTE_NANOS / perMinute);
        }
    }

    /** How a take went: {@code allowed}, else the seconds until the next token and whether to log this refusal. */
    record Outcome(boolean allowed, long retryAfterSeconds, boolean firstRefusal) {
        static final Outcome ALLOWED = new Outcome(true, 0, false);
    }

    RateLimit(int perMinute) {
        this.perMinute = perMinute;
    }

    int perMinute() {
        return perMinute;
    }

    /** Takes a token for {@code key} if one is left (a connection counts against its address). */
    Outcome take(String key, long now) {
        return check(key, now, true);
    }

    /** Whether {@code key} has a token left, without taking it (a new connection of an address that failed too often). */
    Outcome check(String key, long now) {
        return check(key, now, false);
    }

    /** Takes a token whether or not one is left: the thing happened anyway (a failed pairing). */
    void charge(String key, long now) {
        Bucket bucket = bucket(key, now);
        if (bucket != null) {
            synchronized (bucket) {
                bucket.refill(now);
                bucket.tokens = Math.max(0, bucket.tokens - 1);
            }
        }
    }

    private Outcome check(String key, long now, boolean take) {
        Bucket bucket = bucket(key, now);
        if (bucket == null) {
            return Outcome.ALLOWED;
        }
        synchronized (bucket) {
            bucket.refill(now);
            if (bucket.tokens >= 1) {
                if (take) {
                    bucket.tokens -= 1;
                }
                bucket.refusalLogged = false;
                return Outcome.ALLOWED;
            }
            boolean first = !bucket.refusalLogged;
            bucket.refusalLogged = true;
            return new Outcome(false, Math.max(1, (bucket.nanosToNextToken() + 999_999_999L) / 1_000_000_000L), first);
        }
    }

    private Bucket bucket(String key, long now) {
        if (key == null) {
            return null;
        }
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= MAX_TRACKED) {
                sweep(now);
                if (buckets.size() >= MAX_TRACKED) {
                    return null;
                }
            }
            bucket = buckets.computeIfAbsent(key, k -> new Bucket(now));
        }
        return bucket;
    }

    /** Forgets addresses whose bucket is full again: they are as if never seen. */
    void sweep(long now) {
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                bucket.refill(now);
                return bucket.tokens >= perMinute;
            }
        });
    }

    int tracked() {
        return buckets.size();
    }
}
