package com.fruitfulplanet.order.cart;

import com.fruitfulplanet.order.catalog.CatalogProduct;
import com.fruitfulplanet.order.catalog.ProductCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import reactor.core.publisher.Mono;

/**
 * The customers' carts, in Redis: one hash per user, {@code order:cart:<userId>}, a field per product holding
 * {@code <quantity>:<when it was first added, epoch ms>} (lines are listed in the order they were added). A cart is a
 * customer's intent, not a commitment: Redis may lose one and nothing else breaks; what must not be lost, the order,
 * is in PostgreSQL.
 *
 * <p>Each change is one Lua script on one key, so concurrent changes of different lines never lose each other (no
 * read-modify-write of the whole cart), the line limit holds under concurrency, and the cart's expiry starts again
 * with the change. Prices are never stored: every read prices the lines from {@link ProductCatalog}, the read model of
 * the catalog.
 *
 * <p>Metric: {@code fruitfulplanet.order.cart.operations{operation=view|set|remove|clear, outcome=ok|<problem
 * type>|error}}.
 */
@Component
@EnableConfigurationProperties(CartProperties.class)
public class Carts {

    private static final Logger log = LoggerFactory.getLogger(Carts.class);

    static final String KEY_PREFIX = "order:cart:";

    /** KEYS[1] the cart; ARGV product id, quantity, expiry (ms), most lines, now (ms). 0: the cart is full. */
    private static final RedisScript<Long> SET_LINE = RedisScript.of("""
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            if not current and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
            local added = current and string.match(current, ':(%d+)$') or ARGV[5]
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ':' .. added)
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1""", Long.class);
    /** KEYS[1] the cart; ARGV product id, expiry (ms). An emptied cart has no key left to expire. */
    private static final RedisScript<Long> REMOVE_LINE = RedisScript.of("""
            redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1""", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final ProductCatalog catalog;
    private final CartProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    Carts(ReactiveStringRedisTemplate redis, ProductCatalog catalog, CartProperties properties, MeterRegistry meters,
          ObjectProvider<Clock> clock) {
        this.redis = redis;
        this.catalog = catalog;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** What is in the cart, no prices, in the order the lines were added; products unavailable by now included. */
    public Mono<List<CartLine>> lines(UUID userId) {
        return redis.<String, String>opsForHash().entries(key(userId))
                .collectList()
                .map(entries -> {
                    List<StoredLine> lines = new ArrayList<>(entries.size());
                    for (Map.Entry<String, String> entry : entries) {
                        StoredLine line = StoredLine.parse(entry.getKey(), entry.getValue());
                        if (line != null) {
                            lines.add(line);
                        } else {
                            log.warn("Ignoring unreadable cart line {} = {} of user {}", entry.getKey(),
                                    entry.getValue(), userId);
                        }
                    }
                    lines.sort(Comparator.comparingLong(StoredLine::addedAt)
                            .thenComparing(line -> line.line().productId()));
                    return lines.stream().map(StoredLine::line).toList();
                });
    }

    public Mono<Void> clear(UUID userId) {
        return counted("clear", redis.delete(key(userId)).then());
    }

    /** The cart priced now; see {@link CartView}. */
    Mono<CartView> view(UUID userId) {
        return counted("view", priced(userId));
    }

    /**
     * Sets the quantity of a product in the cart (0 removes the line). A product to add must be purchasable
     * ({@code 422 product-unavailable}), priced in the currency of the rest of the cart ({@code 422
     * mixed-currencies}), and a new line must fit ({@code 422 cart-full}). Removing needs no product check, so a
     * customer can always take out what became unavailable. Answers the cart as it is after the change.
     */
    Mono<CartView> set(UUID userId, UUID productId, int quantity) {
        if (quantity == 0) {
            return counted("remove", redis.execute(REMOVE_LINE, List.of(key(userId)),
                            List.of(productId.toString(), Long.toString(properties.expireAfter().toMillis())))
                    .then(priced(userId)));
        }
        return counted("set", lines(userId).flatMap(lines -> catalog.purchasable(ids(lines, productId))
                .flatMap(products -> {
                    CatalogProduct product = products.get(productId);
                    if (product == null) {
                        return Mono.error(CartProblems.productUnavailable(productId));
                    }
                    boolean otherCurrency = lines.stream()
                            .filter(line -> !line.productId().equals(productId))
                            .map(line -> products.get(line.productId()))
                            .filter(Objects::nonNull)
                            .anyMatch(other -> !other.price().currency().equals(product.price().currency()));
                    if (otherCurrency) {
                        return Mono.error(CartProblems.currencyMismatch());
                    }
                    return redis.execute(SET_LINE, List.of(key(userId)), List.of(productId.toString(),
                                    Integer.toString(quantity), Long.toString(properties.expireAfter().toMillis()),
                                    Integer.toString(properties.maxLines()), Long.toString(clock.millis())))
                            .next()
                            .flatMap(stored -> stored == 1 ? priced(userId)
                                    : Mono.error(CartProblems.cartFull(properties.maxLines())));
                })));
    }

    private Mono<CartView> priced(UUID userId) {
        return lines(userId).flatMap(lines -> catalog.purchasable(ids(lines, null))
                .map(products -> CartView.priced(lines, products, properties.currency())));
    }

    private static List<UUID> ids(List<CartLine> lines, UUID plus) {
        List<UUID> ids = new ArrayList<>(lines.stream().map(CartLine::productId).toList());
        if (plus != null) {
            ids.add(plus);
        }
        return ids;
    }

    static String key(UUID userId) {
        return KEY_PREFIX + userId;
    }

    private <T> Mono<T> counted(String operation, Mono<T> work) {
        return work
                .doOnSuccess(done -> count(operation, "ok"))
                .doOnError(error -> count(operation, outcome(error)));
    }

    private void count(String operation, String outcome) {
        Counter.builder("fruitfulplanet.order.cart.operations")
                .description("Cart reads and changes, by what they did")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }

    /** The problem type of a refusal (product-unavailable, cart-full, mixed-currencies), else "error". */
    private static String outcome(Throwable error) {
        if (error instanceof ErrorResponse response) {
            URI type = response.getBody().getType();
            String text = type.toString();
            return text.substring(text.lastIndexOf(':') + 1);
        }
        return "error";
    }

    /** A hash field and value as stored: the line and when it was first added. */
    private record StoredLine(CartLine line, long addedAt) {

        static StoredLine parse(String field, String value) {
            try {
                int colon = value.indexOf(':');
                int quantity = Integer.parseInt(colon < 0 ? value : value.substring(0, colon));
                long addedAt = colon < 0 ? 0 : Long.parseLong(value.substring(colon + 1));
                return quantity > 0 ? new StoredLine(new CartLine(UUID.fromString(field), quantity), addedAt) : null;
            } catch (IllegalArgumentException unreadable) {
                return null;
            }
        }
    }
}
