package com.fruitfulplanet.order.orders;

import com.fruitfulplanet.contracts.money.Money;
import com.fruitfulplanet.platform.paging.Cursors;
import com.fruitfulplanet.platform.paging.Page;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Order lists, newest first, keyset-paged on {@code (created_at, id)} (indexes of V1 and V5). */
@Component
class OrderQueries {

    private final DatabaseClient db;

    OrderQueries(DatabaseClient db) {
        this.db = db;
    }

    /**
     * @param userId null for every user's orders (staff only)
     * @param cursor the position after which to continue, from a previous page
     */
    Mono<Page<OrderSummary>> list(@Nullable UUID userId, @Nullable OrderStatus status, int limit,
                                  @Nullable String cursor) {
        List<String> where = new ArrayList<>();
        if (userId != null) {
            where.add("o.user_id = :user");
        }
        if (status != null) {
            where.add("o.status = :status");
        }
        Position after = cursor == null ? null : Position.parse(Cursors.decode(cursor));
        if (after != null) {
            where.add("(o.created_at, o.id) < (:afterAt, :afterId)");
        }
        String sql = """
                SELECT o.id, o.number, o.user_id, o.status, o.cancel_reason, o.total_amount, o.currency, o.created_at,
                       (SELECT count(*) FROM order_line l WHERE l.order_id = o.id) AS item_count
                  FROM customer_order o
                """ + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + """

                 ORDER BY o.created_at DESC, o.id DESC
                 LIMIT :limit
                """;
        GenericExecuteSpec query = db.sql(sql).bind("limit", limit + 1);
        if (userId != null) {
            query = query.bind("user", userId);
        }
        if (status != null) {
            query = query.bind("status", status.name());
        }
        if (after != null) {
            query = query.bind("afterAt", after.createdAt().atOffset(ZoneOffset.UTC)).bind("afterId", after.id());
        }
        return query
                .map(row -> {
                    String reason = row.get("cancel_reason", String.class);
                    return new OrderSummary(row.get("id", UUID.class), row.get("number", String.class),
                            row.get("user_id", UUID.class), OrderStatus.valueOf(row.get("status", String.class)),
                            reason == null ? null : CancelReason.valueOf(reason),
                            new Money(row.get("total_amount", BigDecimal.class),
                                    Currency.getInstance(row.get("currency", String.class))),
                            row.get("item_count", Long.class).intValue(),
                            row.get("created_at", OffsetDateTime.class).toInstant());
                })
                .all()
                .collectList()
                .map(rows -> Page.of(rows, limit, last -> new Position(last.createdAt(), last.id()).toString()));
    }

    /** Where a page ended: the last order's creation time (to the microsecond, as stored) and id. */
    private record Position(Instant createdAt, UUID id) {

        static Position parse(String text) {
            int bar = text.indexOf('|');
            if (bar < 0) {
                throw Cursors.invalid();
            }
            try {
                return new Position(Instant.parse(text.substring(0, bar)), UUID.fromString(text.substring(bar + 1)));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw Cursors.invalid();
            }
        }

        @Override
        public String toString() {
            return createdAt + "|" + id;
        }
    }
}
