package com.fruitfulplanet.gateway.ratelimit;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Decides whether a request fits its client's budget: in Redis, shared by all gateway replicas, with one atomic
 * script call per request ({@code gcra.lua}).
 *
 * <p>When Redis does not answer within {@code redisTimeout}, or fails, this replica decides alone with
 * {@link LocalBuckets}: clients keep being limited, each replica allowing the full budget (so with n replicas a
 * client may get up to n times its limit while Redis is down). Protection degrades; it neither disappears (failing
 * open) nor takes the API down (failing closed). After repeated failures a circuit breaker sends every decision to
 * the local limiter for {@code redisRetryInterval}, so no request waits on a Redis known to be down. Each fallback
 * is counted ({@code gateway.rate.limit.fallbacks}) and logged at most once a minute.
 *
 * <p>Requests use Redis only once a connection exists. Spring Data Redis opens its shared connection synchronously,
 * on whichever thread asks first, and a Redis that accepts connections but never answers would hold that thread
 * (a Netty event loop, serving many requests) for the whole connect timeout. So the first connection is opened off
 * the request path, retried until it succeeds; after that Lettuce keeps it (and reconnects on its own), and commands
 * sent while it is down fail at once. At start-up the gateway waits up to {@link #STARTUP_WAIT} for that first
 * connection before it takes requests, so that normally the very first one is decided in Redis.
 */
final class RateLimiter implements SmartLifecycle {

    static final Duration STARTUP_WAIT = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final long LOG_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

    private final ReactiveStringRedisTemplate redis;
    @SuppressWarnings("rawtypes")
    private final RedisScript<List> script;
    private final Duration redisTimeout;
    private final Duration reconnectInterval;
    private final CircuitBreaker redisBreaker;
    private final LocalBuckets local;
    private final MeterRegistry meters;
    private final AtomicLong nextLogAt = new AtomicLong(System.nanoTime());
    private final AtomicLong unloggedFallbacks = new AtomicLong();
    private volatile boolean connected;
    private volatile Disposable connecting;

    @SuppressWarnings("rawtypes")
    RateLimiter(ReactiveStringRedisTemplate redis, RedisScript<List> script, Duration redisTimeout,
            Duration reconnectInterval, CircuitBreaker redisBreaker, LocalBuckets local, MeterRegistry meters) {
        this.redis = redis;
        this.script = script;
        this.redisTimeout = redisTimeout;
        this.reconnectInterval = reconnectInterval;
        this.redisBreaker = redisBreaker;
        this.local = local;
        this.meters = meters;
    }

    /** Before the web server starts taking requests. */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;
    }

    @Override
    public void start() {
        CountDownLatch firstConnection = new CountDownLatch(1);
        connectInBackground(firstConnection);
        try {
            if (!firstConnection.await(STARTUP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("No connection to Redis after {}; starting with per-replica rate limits", STARTUP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        Disposable running = connecting;
        if (running != null) {
            running.dispose();
        }
        connecting = null;
    }

    @Override
    public boolean isRunning() {
        return connecting != null;
    }

    /**
     * Opens the connection to Redis (and loads the script) on a thread that may block, retrying every
     * {@code reconnectInterval} until Redis answers; until then every decision is local.
     */
    private void connectInBackground(CountDownLatch firstConnection) {
        Bucket probe = new Bucket("warm-up", "gateway", new RateLimitProperties.Limit(1, Duration.ofSeconds(1)));
        AtomicLong attempts = new AtomicLong();
        connecting = Mono.defer(() -> inRedisUnprotected(probe))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnError(failure -> {
                    // Once, not every few seconds for as long as Redis stays away; the fallback metric keeps counting.
                    if (attempts.incrementAndGet() == 1) {
                        log.warn("Redis does not answer ({}); rate limits are per replica until it does, retrying "
                                + "every {}", failure.toString(), reconnectInterval);
                    }
                })
                .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, reconnectInterval))
                .subscribe(ready -> {
                    connected = true;
                    firstConnection.countDown();
                    log.info("Rate limits are shared through Redis");
                });
    }

    Mono<RateLimitDecision> acquire(Bucket bucket) {
        if (!connected) {
            fellBack("not-connected", "no connection yet");
            return Mono.fromSupplier(() -> counted(bucket, local.acquire(bucket), "local"));
        }
        return inRedis(bucket)
                .map(decision -> counted(bucket, decision, "redis"))
                .onErrorResume(failure -> {
                    fellBack(failure instanceof CallNotPermittedException ? "circuit-open"
                            : failure instanceof TimeoutException ? "timeout" : "error", failure.toString());
                    return Mono.fromSupplier(() -> counted(bucket, local.acquire(bucket), "local"));
                });
    }

    private Mono<RateLimitDecision> inRedis(Bucket bucket) {
        return inRedisUnprotected(bucket)
                .timeout(redisTimeout)
                .transformDeferred(CircuitBreakerOperator.of(redisBreaker));
    }

    @SuppressWarnings("unchecked")
    private Mono<RateLimitDecision> inRedisUnprotected(Bucket bucket) {
        long periodMicros = bucket.limit().period().toNanos() / 1000;
        return redis.execute(script, List.of(bucket.redisKey()),
                        List.of(Integer.toString(bucket.limit().requests()), Long.toString(periodMicros)))
                .next()
                .map(result -> {
                    List<Long> values = (List<Long>) result;
                    return new RateLimitDecision(values.get(0) == 1L, bucket.limit().requests(), values.get(1),
                            Duration.ofNanos(values.get(2) * 1000));
                })
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("The rate-limit script returned nothing")));
    }

    private RateLimitDecision counted(Bucket bucket, RateLimitDecision decision, String store) {
        meters.counter("gateway.rate.limit.requests", "rule", bucket.rule(),
                "outcome", decision.allowed() ? "allowed" : "rejected", "store", store).increment();
        return decision;
    }

    private void fellBack(String reason, String cause) {
        meters.counter("gateway.rate.limit.fallbacks", "reason", reason).increment();
        long unlogged = unloggedFallbacks.incrementAndGet();
        long now = System.nanoTime();
        long due = nextLogAt.get();
        if (now - due >= 0 && nextLogAt.compareAndSet(due, now + LOG_INTERVAL_NANOS)) {
            unloggedFallbacks.addAndGet(-unlogged);
            log.warn("Rate limits are decided per replica: Redis is unavailable ({}); {} decision(s) made locally "
                    + "since the last report", cause, unlogged);
        }
    }
}
