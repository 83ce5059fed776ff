package com.fruitfulplanet.contracts.events;

import com.fruitfulplanet.contracts.events.auth.UserDeleted;
import com.fruitfulplanet.contracts.events.auth.UserRegistered;
import com.fruitfulplanet.contracts.events.auth.UserUpdated;
import com.fruitfulplanet.contracts.events.catalog.CommitStock;
import com.fruitfulplanet.contracts.events.catalog.PriceChanged;
import com.fruitfulplanet.contracts.events.catalog.ProductDeleted;
import com.fruitfulplanet.contracts.events.catalog.ProductUpserted;
import com.fruitfulplanet.contracts.events.catalog.ReleaseStock;
import com.fruitfulplanet.contracts.events.catalog.ReserveStock;
import com.fruitfulplanet.contracts.events.catalog.StockChanged;
import com.fruitfulplanet.contracts.events.catalog.StockRejected;
import com.fruitfulplanet.contracts.events.catalog.StockReleased;
import com.fruitfulplanet.contracts.events.catalog.StockReserved;
import com.fruitfulplanet.contracts.events.order.OrderCancelled;
import com.fruitfulplanet.contracts.events.order.OrderConfirmed;
import com.fruitfulplanet.contracts.events.order.OrderPlaced;
import com.fruitfulplanet.contracts.events.order.OrderStatusChanged;
import com.fruitfulplanet.contracts.events.payment.AuthorizePayment;
import com.fruitfulplanet.contracts.events.payment.CapturePayment;
import com.fruitfulplanet.contracts.events.payment.PaymentAuthorized;
import com.fruitfulplanet.contracts.events.payment.PaymentCaptured;
import com.fruitfulplanet.contracts.events.payment.PaymentFailed;
import com.fruitfulplanet.contracts.events.payment.PaymentRefunded;
import com.fruitfulplanet.contracts.events.payment.PaymentVoided;
import com.fruitfulplanet.contracts.events.payment.RefundPayment;
import com.fruitfulplanet.contracts.events.payment.VoidPayment;
import com.fruitfulplanet.contracts.events.sync1c.CatalogImportCompleted;
import com.fruitfulplanet.contracts.events.sync1c.OrdersExported;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every domain event of the platform, declared once: producers look up the type and topic of the record they
 * publish, consumers the record to decode a CloudEvents {@code type} into. Each type has a JSON example under
 * {@code src/test/resources/golden/events} that a test checks both ways, so a breaking change fails the build.
 */
public final class EventCatalog {

    public static final EventType<UserRegistered> USER_REGISTERED =
            new EventType<>("com.fruitfulplanet.auth.UserRegistered.v1", UserRegistered.class, Topics.AUTH_USER);
    public static final EventType<UserUpdated> USER_UPDATED =
            new EventType<>("com.fruitfulplanet.auth.UserUpdated.v1", UserUpdated.class, Topics.AUTH_USER);
    public static final EventType<UserDeleted> USER_DELETED =
            new EventType<>("com.fruitfulplanet.auth.UserDeleted.v1", UserDeleted.class, Topics.AUTH_USER);

    public static final EventType<ProductUpserted> PRODUCT_UPSERTED =
            new EventType<>("com.fruitfulplanet.catalog.ProductUpserted.v1", ProductUpserted.class,
                    Topics.CATALOG_PRODUCT);
    public static final EventType<ProductDeleted> PRODUCT_DELETED =
            new EventType<>("com.fruitfulplanet.catalog.ProductDeleted.v1", ProductDeleted.class,
                    Topics.CATALOG_PRODUCT);
    public static final EventType<PriceChanged> PRICE_CHANGED =
            new EventType<>("com.fruitfulplanet.catalog.PriceChanged.v1", PriceChanged.class, Topics.CATALOG_PRODUCT);
    public static final EventType<StockChanged> STOCK_CHANGED =
            new EventType<>("com.fruitfulplanet.catalog.StockChanged.v1", StockChanged.class, Topics.CATALOG_STOCK);
    public static final EventType<StockReserved> STOCK_RESERVED =
            new EventType<>("com.fruitfulplanet.catalog.StockReserved.v1", StockReserved.class, Topics.CATALOG_STOCK);
    public static final EventType<StockRejected> STOCK_REJECTED =
            new EventType<>("com.fruitfulplanet.catalog.StockRejected.v1", StockRejected.class, Topics.CATALOG_STOCK);
    public static final EventType<StockReleased> STOCK_RELEASED =
            new EventType<>("com.fruitfulplanet.catalog.StockReleased.v1", StockReleased.class, Topics.CATALOG_STOCK);

    /*
     * Saga commands to catalog-service. They are written by order-service's outbox and travel like events (same
     * envelope, inbox, retries), on the topic catalog-service reads its commands from.
     */
    public static final EventType<ReserveStock> RESERVE_STOCK =
            new EventType<>("com.fruitfulplanet.catalog.ReserveStock.v1", ReserveStock.class,
                    Topics.CATALOG_STOCK_COMMANDS);
    public static final EventType<CommitStock> COMMIT_STOCK =
            new EventType<>("com.fruitfulplanet.catalog.CommitStock.v1", CommitStock.class,
                    Topics.CATALOG_STOCK_COMMANDS);
    public static final EventType<ReleaseStock> RELEASE_STOCK =
            new EventType<>("com.fruitfulplanet.catalog.ReleaseStock.v1", ReleaseStock.class,
                    Topics.CATALOG_STOCK_COMMANDS);

    public static final EventType<OrderPlaced> ORDER_PLACED =
            new EventType<>("com.fruitfulplanet.order.OrderPlaced.v1", OrderPlaced.class, Topics.ORDER);
    public static final EventType<OrderConfirmed> ORDER_CONFIRMED =
            new EventType<>("com.fruitfulplanet.order.OrderConfirmed.v1", OrderConfirmed.class, Topics.ORDER);
    public static final EventType<OrderCancelled> ORDER_CANCELLED =
            new EventType<>("com.fruitfulplanet.order.OrderCancelled.v1", OrderCancelled.class, Topics.ORDER);
    public static final EventType<OrderStatusChanged> ORDER_STATUS_CHANGED =
            new EventType<>("com.fruitfulplanet.order.OrderStatusChanged.v1", OrderStatusChanged.class,
                    Topics.ORDER);

    public static final EventType<PaymentAuthorized> PAYMENT_AUTHORIZED =
            new EventType<>("com.fruitfulplanet.payment.PaymentAuthorized.v1", PaymentAuthorized.class,
                    Topics.PAYMENT);
    public static final EventType<PaymentFailed> PAYMENT_FAILED =
            new EventType<>("com.fruitfulplanet.payment.PaymentFailed.v1", PaymentFailed.class, Topics.PAYMENT);
    public static final EventType<PaymentCaptured> PAYMENT_CAPTURED =
            new EventType<>("com.fruitfulplanet.payment.PaymentCaptured.v1", PaymentCaptured.class, Topics.PAYMENT);
    public static final EventType<PaymentRefunded> PAYMENT_REFUNDED =
            new EventType<>("com.fruitfulplanet.payment.PaymentRefunded.v1", PaymentRefunded.class, Topics.PAYMENT);
    public static final EventType<PaymentVoided> PAYMENT_VOIDED =
            new EventType<>("com.fruitfulplanet.payment.PaymentVoided.v1", PaymentVoided.class, Topics.PAYMENT);

    /* Saga commands to payment-service, written by order-service's outbox (like the stock commands above). */
    public static final EventType<AuthorizePayment> AUTHORIZE_PAYMENT =
            new EventType<>("com.fruitfulplanet.payment.AuthorizePayment.v1", AuthorizePayment.class,
                    Topics.PAYMENT_COMMANDS);
    public static final EventType<CapturePayment> CAPTURE_PAYMENT =
            new EventType<>("com.fruitfulplanet.payment.CapturePayment.v1", CapturePayment.class,
                    Topics.PAYMENT_COMMANDS);
    public static final EventType<VoidPayment> VOID_PAYMENT =
            new EventType<>("com.fruitfulplanet.payment.VoidPayment.v1", VoidPayment.class, Topics.PAYMENT_COMMANDS);
    public static final EventType<RefundPayment> REFUND_PAYMENT =
            new EventType<>("com.fruitfulplanet.payment.RefundPayment.v1", RefundPayment.class,
                    Topics.PAYMENT_COMMANDS);

    public static final EventType<CatalogImportCompleted> CATALOG_IMPORT_COMPLETED =
            new EventType<>("com.fruitfulplanet.sync1c.CatalogImportCompleted.v1", CatalogImportCompleted.class,
                    Topics.SYNC_1C_EXCHANGE);
    public static final EventType<OrdersExported> ORDERS_EXPORTED =
            new EventType<>("com.fruitfulplanet.sync1c.OrdersExported.v1", OrdersExported.class,
                    Topics.SYNC_1C_EXCHANGE);

    private static final List<EventType<?>> ALL = List.of(
            USER_REGISTERED,
            USER_UPDATED,
            USER_DELETED,
            PRODUCT_UPSERTED, PRODUCT_DELETED, PRICE_CHANGED,
            STOCK_CHANGED, STOCK_RESERVED, STOCK_REJECTED, STOCK_RELEASED,
            RESERVE_STOCK, COMMIT_STOCK, RELEASE_STOCK,
            ORDER_PLACED, ORDER_CONFIRMED, ORDER_CANCELLED, ORDER_STATUS_CHANGED,
            PAYMENT_AUTHORIZED, PAYMENT_FAILED, PAYMENT_CAPTURED, PAYMENT_REFUNDED, PAYMENT_VOIDED,
            AUTHORIZE_PAYMENT, CAPTURE_PAYMENT, VOID_PAYMENT, REFUND_PAYMENT,
            CATALOG_IMPORT_COMPLETED, ORDERS_EXPORTED);

    // toMap refuses duplicate keys, so a name or a record registered twice fails when the class loads.
    private static final Map<String, EventType<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));
    private static final Map<Class<?>, EventType<?>> BY_PAYLOAD_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::payloadType, Function.identity()));

    /** Every event type, grouped by domain. */
    public static List<EventType<?>> all() {
        return ALL;
    }

    /** The event type with this CloudEvents {@code type}, empty for a type this build does not know. */
    public static Optional<EventType<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * The event type whose data is {@code payloadType}.
     *
     * @throws IllegalArgumentException if the record is not registered here
     */
    @SuppressWarnings("unchecked") // BY_PAYLOAD_TYPE maps each class to the EventType of that class
    public static <T extends DomainEvent> EventType<T> of(Class<T> payloadType) {
        EventType<?> type = BY_PAYLOAD_TYPE.get(payloadType);
        if (type == null) {
            throw new IllegalArgumentException("Not a registered domain event: " + payloadType.getName());
        }
        return (EventType<T>) type;
    }

    /** The event types published on {@code topic}, the ones a consumer of that topic may receive. */
    public static List<EventType<?>> onTopic(TopicDefinition topic) {
        return ALL.stream().filter(type -> type.topic().equals(topic)).toList();
    }

    private EventCatalog() {
    }
}
