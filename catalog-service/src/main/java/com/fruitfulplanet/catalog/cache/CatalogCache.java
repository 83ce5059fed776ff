package com.fruitfulplanet.catalog.cache;

import com.fruitfulplanet.catalog.product.ProductView;
import com.fruitfulplanet.platform.paging.Page;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Read-through cache in Redis for products by id and for listing pages.
 *
 * <p><b>Never stale after a change event.</b> Every entry records the generation it was loaded under: a counter per
 * product, one for all listing pages. Invalidation (a product, price or stock event, a write, or the admin
 * endpoint) increments the counter, so older entries stop matching at once, in every replica. A load reads the
 * generation <em>before</em> it reads PostgreSQL and stores its result only if the generation is still the same
 * (one Lua script), so a load that raced with a change cannot put the old data back.
 *
 * <p><b>No stampede.</b> Concurrent misses of one key in a replica share one load. An entry is served for
 * {@code freshFor}, then still served for the rest of {@code keepFor} while one caller in the whole cluster (a
 * {@code SET NX} lock) reloads it in the background; a hot key therefore never disappears under load.
 *
 * <p><b>Redis is optional.</b> A Redis error or timeout sends the read to PostgreSQL; nothing fails because of the
 * cache. Metrics: {@code catalog.cache.requests{cache, result=hit|stale|miss|error}},
 * {@code catalog.cache.evictions{cache, reason}}.
 */
@Component
public class CatalogCache {

    private static final Logger log = LoggerFactory.getLogger(CatalogCache.class);

    static final String PREFIX = "catalog:";
    static final String LISTING_GENERATION = PREFIX + "listing:gen";
    /** Generations outlive every entry, so an expired counter can never make an old entry match again. */
    private static final Duration GENERATION_TTL = Duration.ofDays(1);

    private static final RedisScript<Long> STORE_IF_GENERATION = RedisScript.of("""
            local current = redis.call('GET', KEYS[2]) or '0'
            if current ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1""", Long.class);
    private static final RedisScript<Long> INVALIDATE = RedisScript.of("""
            for i = 1, #KEYS, 2 do
              redis.call('INCR', KEYS[i])
              redis.call('PEXPIRE', KEYS[i], ARGV[1])
              if KEYS[i + 1] ~= KEYS[i] then redis.call('DEL', KEYS[i + 1]) end
            end
            return 1""", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final JsonMapper json;
    private final CacheProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final JavaType productType;
    private final JavaType pageType;
    private final Map<String, Mono<?>> loading = new ConcurrentHashMap<>();

    public CatalogCache(ReactiveStringRedisTemplate redis, JsonMapper json, CacheProperties properties,
            MeterRegistry meters) {
        this.redis = redis;
        this.json = json;
        this.properties = properties;
        this.meters = meters;
        this.clock = Clock.systemUTC();
        this.productType = json.constructType(ProductView.class);
        this.pageType = json.getTypeFactory().constructParametricType(Page.class, ProductView.class);
    }

    /** The product, from the cache or {@code loader} (which completes empty for "no such product": not cached). */
    public Mono<ProductView> product(UUID id, Supplier<Mono<ProductView>> loader) {
        return read("product", productKey(id), productGeneration(id), properties.productFreshFor(),
                properties.productKeepFor(), productType, loader);
    }

    /** A listing page by its query's cache key (equal for equal queries). */
    public Mono<Page<ProductView>> listing(String queryKey, Supplier<Mono<Page<ProductView>>> loader) {
        return read("listing", PREFIX + "listing:" + sha256(queryKey), LISTING_GENERATION,
                properties.listingFreshFor(), properties.listingKeepFor(), pageType, loader);
    }

    /** After a change to the product (its fields, price or stock): it and every listing page are reloaded. */
    public Mono<Void> evictProduct(UUID id, String reason) {
        if (!properties.enabled()) {
            return Mono.empty();
        }
        List<String> keys = List.of(productGeneration(id), productKey(id), LISTING_GENERATION, LISTING_GENERATION);
        return redis.execute(INVALIDATE, keys, List.of(Long.toString(GENERATION_TTL.toMillis())))
                .then()
                .doOnSuccess(done -> {
                    meters.counter("catalog.cache.evictions", "cache", "product", "reason", reason).increment();
                    meters.counter("catalog.cache.evictions", "cache", "listing", "reason", reason).increment();
                });
    }

    /** Every listing page (a change that is not about one product). */
    public Mono<Void> evictListings(String reason) {
        if (!properties.enabled()) {
            return Mono.empty();
        }
        return redis.execute(INVALIDATE, List.of(LISTING_GENERATION, LISTING_GENERATION),
                        List.of(Long.toString(GENERATION_TTL.toMillis())))
                .then()
                .doOnSuccess(done -> meters.counter("catalog.cache.evictions", "cache", "listing", "reason", reason)
                        .increment());
    }

    /** Everything the catalog keeps in Redis; answers how many keys went. */
    public Mono<Long> evictAll() {
        ScanOptions everything = ScanOptions.scanOptions().match(PREFIX + "*").count(1000).build();
        return redis.scan(everything)
                .buffer(500)
                .concatMap(keys -> redis.unlink(Flux.fromIterable(keys)))
                .reduce(0L, Long::sum)
                .doOnSuccess(count -> meters.counter("catalog.cache.evictions", "cache", "all", "reason", "manual")
                        .increment());
    }

    private <T> Mono<T> read(String cache, String key, String generationKey, Duration freshFor, Duration keepFor,
            JavaType type, Supplier<Mono<T>> loader) {
        if (!properties.enabled()) {
            return loader.get();
        }
        return redis.opsForValue().multiGet(List.of(key, generationKey))
                .timeout(properties.redisTimeout())
                .map(values -> Lookup.of(values.get(0), values.get(1)))
                .onErrorResume(error -> {
                    count(cache, "error");
                    log.debug("Catalog cache unavailable, reading PostgreSQL: {}", error.toString());
                    return Mono.just(Lookup.UNAVAILABLE);
                })
                .flatMap(lookup -> {
                    if (lookup == Lookup.UNAVAILABLE) {
                        return loader.get();
                    }
                    Entry entry = lookup.entry();
                    if (entry != null && entry.generation().equals(lookup.generation())) {
                        if (clock.millis() < entry.freshUntil()) {
                            count(cache, "hit");
                        } else {
                            count(cache, "stale");
                            refreshInBackground(cache, key, generationKey, lookup.generation(), freshFor, keepFor,
                                    loader);
                        }
                        return Mono.just(json.<T>readValue(entry.json(), type));
                    }
                    count(cache, "miss");
                    return loadOnce(key, generationKey, lookup.generation(), freshFor, keepFor, loader);
                });
    }

    /** Concurrent misses of one key in this replica share the first one's load. */
    @SuppressWarnings("unchecked")
    private <T> Mono<T> loadOnce(String key, String generationKey, String generation, Duration freshFor,
            Duration keepFor, Supplier<Mono<T>> loader) {
        Mono<T> shared = (Mono<T>) loading.computeIfAbsent(key, k -> loader.get()
                .flatMap(value -> store(key, generationKey, generation, freshFor, keepFor, value).thenReturn(value))
                .doFinally(signal -> loading.remove(k))
                .cache());
        return shared;
    }

    private <T> void refreshInBackground(String cache, String key, String generationKey, String generation,
            Duration freshFor, Duration keepFor, Supplier<Mono<T>> loader) {
        redis.opsForValue().setIfAbsent(key + ":refresh", "1", properties.refreshLockFor())
                .timeout(properties.redisTimeout())
                .filter(Boolean::booleanValue)
                .flatMap(won -> loadOnce(key, generationKey, generation, freshFor, keepFor, loader))
                .subscribe(value -> count(cache, "refreshed"),
                        error -> log.warn("Refreshing {} failed: {}", key, error.toString()));
    }

    private <T> Mono<Void> store(String key, String generationKey, String generation, Duration freshFor,
            Duration keepFor, T value) {
        String entry = Entry.encode(generation, clock.millis() + freshFor.toMillis(), json.writeValueAsString(value));
        return redis.execute(STORE_IF_GENERATION, List.of(key, generationKey),
                        List.of(generation, entry, Long.toString(keepFor.toMillis())))
                .then()
                .timeout(properties.redisTimeout())
                .onErrorResume(error -> {
                    log.debug("Could not store {} in the cache: {}", key, error.toString());
                    return Mono.empty();
                });
    }

    private void count(String cache, String result) {
        meters.counter("catalog.cache.requests", "cache", cache, "result", result).increment();
    }

    static String productKey(UUID id) {
        return PREFIX + "product:" + id;
    }

    static String productGeneration(UUID id) {
        return PREFIX + "product:" + id + ":gen";
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What one MGET found: the entry (if any) and the current generation ("0" before the first change). */
    private record Lookup(Entry entry, String generation) {

        static final Lookup UNAVAILABLE = new Lookup(null, null);

        static Lookup of(String entry, String generation) {
            return new Lookup(entry == null ? null : Entry.decode(entry), generation == null ? "0" : generation);
        }
    }

    /** {@code <generation>|<fresh until, epoch ms>|<json>}. */
    private record Entry(String generation, long freshUntil, String json) {

        static String encode(String generation, long freshUntil, String json) {
            return generation + "|" + freshUntil + "|" + json;
        }

        static Entry decode(String stored) {
            int first = stored.indexOf('|');
            int second = stored.indexOf('|', first + 1);
            if (first < 0 || second < 0) {
                return null;
            }
            try {
                return new Entry(stored.substring(0, first), Long.parseLong(stored.substring(first + 1, second)),
                        stored.substring(second + 1));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
