package com.fruitfulplanet.order.orders;

import com.fruitfulplanet.contracts.events.DomainEvent;
import com.fruitfulplanet.contracts.events.order.OrderCancelled;
import com.fruitfulplanet.contracts.events.order.OrderConfirmed;
import com.fruitfulplanet.contracts.events.order.OrderPlaced;
import com.fruitfulplanet.contracts.events.order.OrderStatusChanged;
import com.fruitfulplanet.contracts.money.Money;
import com.fruitfulplanet.platform.events.outbox.Outbox;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The orders table and everything written with it: lines, status history and, through the {@link Outbox}, the
 * saga's commands and the order's events — always in the caller's transaction.
 */
@Repository
public class Orders {

    static final String COLUMNS = """
            o.id, o.number, o.user_id, o.status, o.cancel_reason, o.saga_step, o.step_deadline, o.stock_status,
            o.payment_status, o.payment_id, o.payment_provider, o.card_token, o.total_amount, o.currency,
            o.created_at, o.version""";

    private final DatabaseClient db;
    private final Outbox outbox;
    private final JsonMapper json;
    private final Clock clock;

    Orders(DatabaseClient db, Outbox outbox, JsonMapper json, Clock clock) {
        this.db = db;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Stores a new PENDING order with its first saga step ({@code start}: its step, deadline and commands) and
     * publishes {@code OrderPlaced}. Returns the order as stored, with its number.
     */
    public Mono<Order> insert(UUID id, UUID userId, String idempotencyKey, List<OrderLine> lines, Money total,
                              ShippingAddress address, @Nullable String provider, String cardToken,
                              java.util.function.Function<Order, Transition> start) {
        // Stored to the microsecond: the same instant is answered now and read back later.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Order draft = new Order(id, "", userId, OrderStatus.PENDING, null, SagaStep.DONE, null, StockStatus.NONE,
                PaymentStatus.NONE, null, provider, cardToken, total, lines, now, 0);
        Transition first = start.apply(draft);
        GenericExecuteSpec insert = db.sql("""
                        INSERT INTO customer_order (id, number, user_id, status, total_amount, currency,
                                                    idempotency_key, saga_step, step_deadline, payment_provider,
                                                    card_token, shipping_address, created_at, updated_at)
                        VALUES (:id, 'FP-' || lpad(nextval('order_number_seq')::text, 8, '0'), :user, 'PENDING',
                                :total, :currency, :key, :step, :deadline, :provider, :token, CAST(:address AS jsonb),
                                :now, :now)
                        RETURNING number
                        """)
                .bind("id", id).bind("user", userId).bind("total", total.amount())
                .bind("currency", total.currency().getCurrencyCode()).bind("key", idempotencyKey)
                .bind("step", first.newStep().name()).bind("deadline", utc(first.newDeadline(now)))
                .bind("token", cardToken).bind("address", json.writeValueAsString(address)).bind("now", utc(now));
        insert = provider == null ? insert.bindNull("provider", String.class) : insert.bind("provider", provider);
        return insert.map(row -> row.get("number", String.class)).one()
                .flatMap(number -> insertLines(id, lines)
                        .then(history(id, OrderStatus.PENDING, null, Transition.SAGA, now))
                        .then(Mono.defer(() -> {
                            List<DomainEvent> messages = new ArrayList<>();
                            messages.add(new OrderPlaced(id, userId, lines.stream()
                                    .map(line -> new OrderPlaced.OrderedLine(line.productId(), line.sku(),
                                            line.quantity(), line.unitPrice()))
                                    .toList(), total, now));
                            messages.addAll(first.messages());
                            return outbox.appendAll(messages);
                        }))
                        .thenReturn(new Order(id, number, userId, OrderStatus.PENDING, null, first.newStep(),
                                first.newDeadline(now), StockStatus.NONE, PaymentStatus.NONE, null, provider,
                                cardToken, total, lines, now, 0)));
    }

    private Mono<Void> insertLines(UUID orderId, List<OrderLine> lines) {
        int n = lines.size();
        Integer[] numbers = new Integer[n];
        UUID[] products = new UUID[n];
        String[] skus = new String[n];
        String[] names = new String[n];
        Integer[] quantities = new Integer[n];
        BigDecimal[] prices = new BigDecimal[n];
        String[] currencies = new String[n];
        for (int i = 0; i < n; i++) {
            OrderLine line = lines.get(i);
            numbers[i] = i + 1;
            products[i] = line.productId();
            skus[i] = line.sku();
            names[i] = line.name();
            quantities[i] = line.quantity();
            prices[i] = line.unitPrice().amount();
            currencies[i] = line.unitPrice().currency().getCurrencyCode();
        }
        return db.sql("""
                        INSERT INTO order_line (order_id, line_no, product_id, sku, name, quantity, unit_price, currency)
                        SELECT :order, l.*
                          FROM unnest(:numbers::int[], :products::uuid[], :skus::text[], :names::text[],
                                      :quantities::int[], :prices::numeric[], :currencies::text[]) AS l
                        """)
                .bind("order", orderId).bind("numbers", numbers).bind("products", products).bind("skus", skus)
                .bind("names", names).bind("quantities", quantities).bind("prices", prices)
                .bind("currencies", currencies)
                .then();
    }

    /** The order, locked until the end of the caller's transaction: what one saga message or action works on. */
    public Mono<Order> lock(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM customer_order o WHERE o.id = :id FOR UPDATE")
                .bind("id", id)
                .map(this::order)
                .one()
                .flatMap(this::withLines);
    }

    /** Like {@link #lock} but skips an order another transaction holds (the deadline sweep of another replica). */
    public Mono<Order> lockIfFree(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM customer_order o WHERE o.id = :id FOR UPDATE SKIP LOCKED")
                .bind("id", id)
                .map(this::order)
                .one()
                .flatMap(this::withLines);
    }

    public Mono<Order> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM customer_order o WHERE o.id = :id")
                .bind("id", id)
                .map(this::order)
                .one()
                .flatMap(this::withLines);
    }

    private Mono<Order> withLines(Order order) {
        return lines(order.id()).map(lines -> new Order(order.id(), order.number(), order.userId(), order.status(),
                order.cancelReason(), order.step(), order.stepDeadline(), order.stock(), order.payment(),
                order.paymentId(), order.paymentProvider(), order.cardToken(), order.total(), lines,
                order.createdAt(), order.version()));
    }

    public Mono<List<OrderLine>> lines(UUID orderId) {
        return db.sql("""
                        SELECT product_id, sku, name, quantity, unit_price, currency
                          FROM order_line WHERE order_id = :id ORDER BY line_no
                        """)
                .bind("id", orderId)
                .map(row -> new OrderLine(row.get("product_id", UUID.class), row.get("sku", String.class),
                        row.get("name", String.class), row.get("quantity", Integer.class),
                        new Money(row.get("unit_price", BigDecimal.class),
                                Currency.getInstance(row.get("currency", String.class)))))
                .all()
                .collectList();
    }

    public Mono<List<HistoryEntry>> history(UUID orderId) {
        return db.sql("SELECT status, at, reason FROM order_status_history WHERE order_id = :id ORDER BY at, id")
                .bind("id", orderId)
                .map(row -> new HistoryEntry(OrderStatus.valueOf(row.get("status", String.class)),
                        row.get("at", OffsetDateTime.class).toInstant(), row.get("reason", String.class)))
                .all()
                .collectList();
    }

    public Mono<ShippingAddress> shippingAddress(UUID orderId) {
        return db.sql("SELECT shipping_address::text AS address FROM customer_order WHERE id = :id")
                .bind("id", orderId)
                .map(row -> json.readValue(row.get("address", String.class), ShippingAddress.class))
                .one();
    }

    /**
     * Writes {@code change} to its order (locked by the caller), records a status change in the history and sends
     * the change's commands with the events that say what happened: {@code OrderStatusChanged} on every status
     * change, {@code OrderConfirmed} and {@code OrderCancelled} on those. Returns the order as it is now.
     */
    public Mono<Order> apply(Transition change) {
        if (change.isEmpty()) {
            return Mono.just(change.from());
        }
        Order from = change.from();
        Instant now = clock.instant();
        GenericExecuteSpec update = db.sql("""
                        UPDATE customer_order
                           SET status = :status, cancel_reason = :reason, saga_step = :step, step_deadline = :deadline,
                               stock_status = :stock, payment_status = :payment, payment_id = :paymentId,
                               card_token = :token, version = version + 1, updated_at = :now,
                               finished_at = CASE WHEN :step = 'DONE' THEN coalesce(finished_at, :now) END
                         WHERE id = :id AND version = :version
                        """)
                .bind("status", change.newStatus().name()).bind("step", change.newStep().name())
                .bind("stock", change.newStock().name()).bind("payment", change.newPayment().name())
                .bind("now", utc(now)).bind("id", from.id()).bind("version", from.version());
        update = bindNullable(update, "reason", change.newCancelReason() == null ? null
                : change.newCancelReason().name(), String.class);
        update = bindNullable(update, "deadline", utc(change.newDeadline(now)), OffsetDateTime.class);
        update = bindNullable(update, "paymentId", change.newPaymentId(), UUID.class);
        update = bindNullable(update, "token", change.newCardToken(), String.class);
        Order to = new Order(from.id(), from.number(), from.userId(), change.newStatus(), change.newCancelReason(),
                change.newStep(), change.newDeadline(now), change.newStock(), change.newPayment(),
                change.newPaymentId(), from.paymentProvider(), change.newCardToken(), from.total(), from.lines(),
                from.createdAt(), from.version() + 1);
        return update.fetch().rowsUpdated()
                .flatMap(updated -> updated == 1 ? Mono.just(to)
                        : Mono.error(new OptimisticLockingFailureException("Order " + from.id()
                                + " changed under a transition from version " + from.version())))
                .flatMap(order -> (change.changesStatus()
                        ? history(order.id(), order.status(), historyReason(change), change.actor(), now)
                        : Mono.<Void>empty())
                        .then(Mono.defer(() -> outbox.appendAll(messages(change, order, now))))
                        .thenReturn(order));
    }

    private static @Nullable String historyReason(Transition change) {
        if (change.note() != null) {
            return change.note();
        }
        return change.newStatus() == OrderStatus.CANCELLED && change.newCancelReason() != null
                ? change.newCancelReason().name() : null;
    }

    private static List<DomainEvent> messages(Transition change, Order order, Instant now) {
        List<DomainEvent> messages = new ArrayList<>(change.messages());
        if (change.changesStatus()) {
            messages.add(new OrderStatusChanged(order.id(), order.userId(), change.from().status().name(),
                    order.status().name(), now));
            if (order.status() == OrderStatus.CONFIRMED) {
                messages.add(new OrderConfirmed(order.id(), order.userId(), order.total(), now));
            } else if (order.status() == OrderStatus.CANCELLED) {
                messages.add(new OrderCancelled(order.id(), order.userId(), order.cancelReason().inEvents(), now));
            }
        }
        return messages;
    }

    private Mono<Void> history(UUID orderId, OrderStatus status, @Nullable String reason, String actor, Instant at) {
        return bindNullable(db.sql("""
                        INSERT INTO order_status_history (order_id, status, reason, actor, at)
                        VALUES (:order, :status, :reason, :actor, :at)
                        """), "reason", reason, String.class)
                .bind("order", orderId).bind("status", status.name()).bind("actor", actor).bind("at", utc(at))
                .then();
    }

    Order order(Readable row) {
        String reason = row.get("cancel_reason", String.class);
        OffsetDateTime deadline = row.get("step_deadline", OffsetDateTime.class);
        return new Order(row.get("id", UUID.class), row.get("number", String.class), row.get("user_id", UUID.class),
                OrderStatus.valueOf(row.get("status", String.class)),
                reason == null ? null : CancelReason.valueOf(reason),
                SagaStep.valueOf(row.get("saga_step", String.class)),
                deadline == null ? null : deadline.toInstant(),
                StockStatus.valueOf(row.get("stock_status", String.class)),
                PaymentStatus.valueOf(row.get("payment_status", String.class)),
                row.get("payment_id", UUID.class), row.get("payment_provider", String.class),
                row.get("card_token", String.class),
                new Money(row.get("total_amount", BigDecimal.class),
                        Currency.getInstance(row.get("currency", String.class))),
                List.of(), row.get("created_at", OffsetDateTime.class).toInstant(), row.get("version", Long.class));
    }

    static <T> GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, @Nullable T value,
                                               Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
