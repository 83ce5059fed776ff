package com.fruitfulplanet.gateway.ratelimit;

import java.time.Duration;

/**
 * The answer for one request.
 *
 * @param allowed    whether it may proceed
 * @param limit      the bucket's size, for {@code X-RateLimit-Limit}
 * @param remaining  requests left right now, for {@code X-RateLimit-Remaining}
 * @param retryAfter when refused, how long until the next request would be allowed
 */
record RateLimitDecision(boolean allowed, int limit, long remaining, Duration retryAfter) {

    /** Whole seconds, rounded up (and at least 1), as {@code Retry-After} wants them. */
    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
