package com.fruitfulplanet.contracts.events;

import com.fruitfulplanet.contracts.events.auth.UserDeleted;
import com.fruitfulplanet.contracts.events.auth.UserRegistered;
import com.fruitfulplanet.contracts.events.auth.UserUpdated;
import com.fruitfulplanet.contracts.events.catalog.CommitStock;
import com.fruitfulplanet.contracts.events.catalog.PriceChanged;
import com.fruitfulplanet.contracts.events.catalog.ProductDeleted;
import com.fruitfulplanet.contracts.events.catalog.ReleaseStock;
import com.fruitfulplanet.contracts.events.catalog.ReserveStock;
import com.fruitfulplanet.contracts.events.catalog.ProductUpserted;
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
import com.fruitfulplanet.contracts.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One fixed instance of every event type, the Java side of the golden JSON files under {@code golden/events}. Fixed
 * ids and instants, so the JSON is the same on every run.
 */
final class EventSamples {

    static final UUID USER = UUID.fromString("0b6e4f3c-1d2a-4c5b-8e9f-000000000001");
    static final UUID PRODUCT = UUID.fromString("0b6e4f3c-1d2a-4c5b-8e9f-000000000002");
    static final UUID SECOND_PRODUCT = UUID.fromString("0b6e4f3c-1d2a-4c5b-8e9f-000000000003");
    static final UUID SECTOR = UUID.fromString("0b6e4f3c-1d2a-4c5b-8e9f-000000000004");
    static final UUID WAREHOUSE = UUID.fromString("0b6e4f3c-1d2a-4c5b-8e9f-000000000005");
    static final UUID ORDER = UUID.fromString("0b6e4f3c-1d2a-4c5b-8e9f-000000000006");
    static final UUID SECOND_ORDER = UUID.fromString("0b6e4f3c-1d2a-4c5b-8e9f-000000000007");
    static final UUID CUSTOMER = USER;
    static final UUID RESERVATION = UUID.fromString("0b6e4f3c-1d2a-4c5b-8e9f-000000000008");
    static final UUID PAYMENT = UUID.fromString("0b6e4f3c-1d2a-4c5b-8e9f-000000000009");
    static final UUID SESSION = UUID.fromString("0b6e4f3c-1d2a-4c5b-8e9f-00000000000a");
    static final Instant AT = Instant.parse("2026-05-01T10:15:30Z");
    static final Instant LATER = Instant.parse("2026-05-01T10:30:00.125Z");

    private static final Map<EventType<?>, DomainEvent> SAMPLES = Map.ofEntries(
            Map.entry(EventCatalog.USER_REGISTERED,
                    new UserRegistered(USER, "anna@example.org", "Anna Petrova", AT)),
            Map.entry(EventCatalog.USER_UPDATED,
                    new UserUpdated(USER, "anna@example.org", "Anna Petrova-Smirnova", List.of("CUSTOMER", "MANAGER"),
                            LATER)),
            Map.entry(EventCatalog.USER_DELETED, new UserDeleted(USER, LATER)),
            Map.entry(EventCatalog.PRODUCT_UPSERTED,
                    new ProductUpserted(PRODUCT, "APL-GOLDEN-1KG", "Golden apples, 1 kg", SECTOR, null,
                            Money.of("189.90", "RUB"), true, AT)),
            Map.entry(EventCatalog.PRODUCT_DELETED, new ProductDeleted(PRODUCT, "APL-GOLDEN-1KG", LATER)),
            Map.entry(EventCatalog.PRICE_CHANGED,
                    new PriceChanged(PRODUCT, Money.of("189.90", "RUB"), Money.of("175.00", "RUB"), AT)),
            Map.entry(EventCatalog.STOCK_CHANGED,
                    new StockChanged(PRODUCT, WAREHOUSE, 42, AT)),
            Map.entry(EventCatalog.STOCK_RESERVED,
                    new StockReserved(RESERVATION, ORDER, List.of(
                            new StockReserved.ReservedLine(PRODUCT, 2, Money.of("189.90", "RUB")),
                            new StockReserved.ReservedLine(SECOND_PRODUCT, 1, Money.of("240.00", "RUB"))), LATER)),
            Map.entry(EventCatalog.STOCK_REJECTED,
                    new StockRejected(ORDER, List.of(new StockRejected.Shortage(PRODUCT, 5, 3)))),
            Map.entry(EventCatalog.STOCK_RELEASED,
                    new StockReleased(RESERVATION, ORDER, StockReleased.ReleaseReason.PAYMENT_FAILED, LATER)),
            Map.entry(EventCatalog.RESERVE_STOCK,
                    new ReserveStock(ORDER, List.of(new ReserveStock.Line(PRODUCT, 2),
                            new ReserveStock.Line(SECOND_PRODUCT, 1)), Duration.ofMinutes(15))),
            Map.entry(EventCatalog.COMMIT_STOCK, new CommitStock(ORDER)),
            Map.entry(EventCatalog.RELEASE_STOCK,
                    new ReleaseStock(ORDER, StockReleased.ReleaseReason.ORDER_CANCELLED)),
            Map.entry(EventCatalog.ORDER_PLACED,
                    new OrderPlaced(ORDER, CUSTOMER, List.of(
                            new OrderPlaced.OrderedLine(PRODUCT, "APL-GOLDEN-1KG", 2, Money.of("189.90", "RUB")),
                            new OrderPlaced.OrderedLine(SECOND_PRODUCT, "PEAR-CONF-1KG", 1, Money.of("240.00", "RUB"))),
                            Money.of("619.80", "RUB"), AT)),
            Map.entry(EventCatalog.ORDER_CONFIRMED,
                    new OrderConfirmed(ORDER, CUSTOMER, Money.of("619.80", "RUB"), LATER)),
            Map.entry(EventCatalog.ORDER_CANCELLED,
                    new OrderCancelled(ORDER, CUSTOMER, OrderCancelled.CancellationReason.OUT_OF_STOCK, LATER)),
            Map.entry(EventCatalog.ORDER_STATUS_CHANGED,
                    new OrderStatusChanged(ORDER, CUSTOMER, "PENDING", "CONFIRMED", LATER)),
            Map.entry(EventCatalog.PAYMENT_AUTHORIZED,
                    new PaymentAuthorized(PAYMENT, ORDER, Money.of("619.80", "RUB"), AT)),
            Map.entry(EventCatalog.PAYMENT_FAILED,
                    new PaymentFailed(PAYMENT, ORDER, Money.of("619.80", "RUB"), "Card declined by issuer", AT)),
            Map.entry(EventCatalog.PAYMENT_CAPTURED,
                    new PaymentCaptured(PAYMENT, ORDER, Money.of("619.80", "RUB"), LATER)),
            Map.entry(EventCatalog.PAYMENT_REFUNDED,
                    new PaymentRefunded(PAYMENT, ORDER, Money.of("0.10", "RUB"), LATER, Money.of("0.10", "RUB"),
                            Money.of("619.80", "RUB"))),
            Map.entry(EventCatalog.PAYMENT_VOIDED,
                    new PaymentVoided(PAYMENT, ORDER, Money.of("619.80", "RUB"), LATER)),
            Map.entry(EventCatalog.AUTHORIZE_PAYMENT,
                    new AuthorizePayment(ORDER, CUSTOMER, Money.of("619.80", "RUB"), "sandbox", "tok_visa")),
            Map.entry(EventCatalog.CAPTURE_PAYMENT, new CapturePayment(ORDER)),
            Map.entry(EventCatalog.VOID_PAYMENT, new VoidPayment(ORDER, "Order cancelled: TIMEOUT")),
            Map.entry(EventCatalog.REFUND_PAYMENT,
                    new RefundPayment(ORDER, SECOND_ORDER, null, "Order cancelled by the customer")),
            Map.entry(EventCatalog.CATALOG_IMPORT_COMPLETED,
                    new CatalogImportCompleted(SESSION, 120, 118, 2, AT)),
            Map.entry(EventCatalog.ORDERS_EXPORTED,
                    new OrdersExported(SESSION, List.of(ORDER, SECOND_ORDER), AT)));

    /** The sample of {@code type}, or null if there is none (the completeness test reports which). */
    @SuppressWarnings("unchecked") // SAMPLES maps each type to an instance of its payload type
    static <T extends DomainEvent> T of(EventType<T> type) {
        return (T) SAMPLES.get(type);
    }

    static Map<EventType<?>, DomainEvent> all() {
        return SAMPLES;
    }

    private EventSamples() {
    }
}
