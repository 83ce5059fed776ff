package com.fruitfulplanet.gateway.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The same algorithm as {@code gcra.lua}, in this replica's memory: what decides while Redis cannot. It keeps at
 * most {@code maxClients} buckets, dropping the least recently used, so a flood of new addresses costs a bounded
 * amount of memory (a dropped client merely starts again with a full bucket).
 */
final class LocalBuckets {

    private final int maxClients;
    private final LongSupplier clockMicros;
    private final ReentrantLock lock = new ReentrantLock();
    /** Theoretical arrival time per bucket, in microseconds; access-ordered for the LRU eviction. */
    private final LinkedHashMap<String, Long> arrivals;

    LocalBuckets(int maxClients, LongSupplier clockMicros) {
        this.maxClients = maxClients;
        this.clockMicros = clockMicros;
        this.arrivals = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > LocalBuckets.this.maxClients;
            }
        };
    }

    RateLimitDecision acquire(Bucket bucket) {
        int limit = bucket.limit().requests();
        double period = bucket.limit().period().toNanos() / 1000.0;
        double interval = period / limit;
        long now = clockMicros.getAsLong();
        lock.lock();
        try {
            double arrival = Math.max(arrivals.getOrDefault(bucket.redisKey(), now), now);
            double next = arrival + interval;
            double allowedAt = next - period;
            if (now < allowedAt) {
                return new RateLimitDecision(false, limit, 0, Duration.ofNanos((long) Math.ceil(allowedAt - now) * 1000));
            }
            arrivals.put(bucket.redisKey(), (long) next);
            return new RateLimitDecision(true, limit, (long) Math.floor((now + period - next) / interval), Duration.ZERO);
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return arrivals.size();
        } finally {
            lock.unlock();
        }
    }
}
