package com.fruitfulplanet.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.gateway.ratelimit.RateLimitProperties.Limit;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalBucketsTest {

    final AtomicLong nowMicros = new AtomicLong(1_000_000_000_000L);
    final Bucket fivePerMinute = new Bucket("default", "ip:192.0.2.1", new Limit(5, Duration.ofMinutes(1)));

    @Test
    void aFullBucketAllowsItsSizeAndThenRefillsOneEveryPeriodOverLimit() {
        LocalBuckets buckets = new LocalBuckets(100, nowMicros::get);
        for (int remaining = 4; remaining >= 0; remaining--) {
            assertThat(buckets.acquire(fivePerMinute)).extracting(RateLimitDecision::allowed,
                    RateLimitDecision::remaining).containsExactly(true, (long) remaining);
        }
        RateLimitDecision refused = buckets.acquire(fivePerMinute);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(12));
        assertThat(refused.retryAfterSeconds()).isEqualTo(12);

        nowMicros.addAndGet(Duration.ofSeconds(12).toNanos() / 1000);
        assertThat(buckets.acquire(fivePerMinute)).extracting(RateLimitDecision::allowed,
                RateLimitDecision::remaining).containsExactly(true, 0L);

        nowMicros.addAndGet(Duration.ofMinutes(5).toNanos() / 1000);
        assertThat(buckets.acquire(fivePerMinute).remaining()).isEqualTo(4);
    }

    @Test
    void clientsDoNotShareBuckets() {
        LocalBuckets buckets = new LocalBuckets(100, nowMicros::get);
        for (int i = 0; i < 5; i++) {
            buckets.acquire(fivePerMinute);
        }
        Bucket other = new Bucket("default", "ip:192.0.2.2", fivePerMinute.limit());
        assertThat(buckets.acquire(other).allowed()).isTrue();
        assertThat(buckets.acquire(fivePerMinute).allowed()).isFalse();
    }

    @Test
    void theLeastRecentlyUsedClientsAreForgottenBeyondTheBound() {
        LocalBuckets buckets = new LocalBuckets(3, nowMicros::get);
        for (int i = 0; i < 10; i++) {
            buckets.acquire(new Bucket("default", "ip:198.51.100." + i, fivePerMinute.limit()));
        }
        assertThat(buckets.size()).isEqualTo(3);
    }
}
