package com.fruitfulplanet.contracts.events;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** Every Kafka topic of the platform, declared once. One topic per producing domain and aggregate. */
public final class Topics {

    private static final Duration WEEK = Duration.ofDays(7);

    public static final TopicDefinition AUTH_USER = new TopicDefinition("auth.user.v1", 6, WEEK);
    public static final TopicDefinition CATALOG_PRODUCT = new TopicDefinition("catalog.product.v1", 6, WEEK);
    public static final TopicDefinition CATALOG_STOCK = new TopicDefinition("catalog.stock.v1", 6, WEEK);
    /** Saga commands for catalog-service (reserve, commit, release stock), keyed by order id. */
    public static final TopicDefinition CATALOG_STOCK_COMMANDS =
            new TopicDefinition("catalog.stockcommands.v1", 6, WEEK);
    public static final TopicDefinition ORDER = new TopicDefinition("order.v1", 6, WEEK);
    public static final TopicDefinition PAYMENT = new TopicDefinition("payment.v1", 6, WEEK);
    /** Saga commands for payment-service (authorize, capture, void, refund), keyed by order id. */
    public static final TopicDefinition PAYMENT_COMMANDS = new TopicDefinition("payment.commands.v1", 6, WEEK);
    public static final TopicDefinition SYNC_1C_EXCHANGE = new TopicDefinition("sync1c.exchange.v1", 3, WEEK);

    /** The domain topics. */
    public static final List<TopicDefinition> DOMAIN =
            List.of(AUTH_USER, CATALOG_PRODUCT, CATALOG_STOCK, CATALOG_STOCK_COMMANDS, ORDER, PAYMENT, PAYMENT_COMMANDS,
                    SYNC_1C_EXCHANGE);

    /** The domain topics and their dead-letter topics: everything that must exist before services start. */
    public static List<TopicDefinition> all() {
        return Stream.concat(DOMAIN.stream(), DOMAIN.stream().map(TopicDefinition::deadLetter)).toList();
    }

    private Topics() {
    }
}
