package com.fruitfulplanet.catalog.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fruitfulplanet.catalog.CatalogFixtures;
import com.fruitfulplanet.contracts.events.catalog.CommitStock;
import com.fruitfulplanet.contracts.events.catalog.ReleaseStock;
import com.fruitfulplanet.contracts.events.catalog.ReserveStock;
import com.fruitfulplanet.contracts.events.catalog.StockChanged;
import com.fruitfulplanet.contracts.events.catalog.StockRejected;
import com.fruitfulplanet.contracts.events.catalog.StockReleased;
import com.fruitfulplanet.contracts.events.catalog.StockReleased.ReleaseReason;
import com.fruitfulplanet.contracts.events.catalog.StockReserved;
import com.fruitfulplanet.contracts.money.Money;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;

/** {@link StockReservations} against real PostgreSQL: the saga's reserve, commit, release and expiry. */
class StockReservationsIT extends StockIntegrationTest {

    private static final Money PRICE = Money.of("199.90", "RUB");

    @Autowired
    private StockReservations reservations;

    @Autowired
    private MeterRegistry meters;

    @Test
    void concurrentReservationsNeverOversellAndExpiredHoldsComeBack() {
        UUID product = product(10);
        List<UUID> orders = IntStream.range(0, 200).mapToObj(i -> UUID.randomUUID()).toList();
        // Long enough that nothing expires while the outcome is checked; the test then lets the holds lapse.
        Duration hold = Duration.ofMinutes(10);

        Map<ReservationOutcome, Long> outcomes = Flux.fromIterable(orders)
                .flatMap(order -> reservations.reserve(reserve(order, hold, line(product, 1))), orders.size())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .block(Duration.ofMinutes(1));

        assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(
                Map.of(ReservationOutcome.RESERVED, 10L, ReservationOutcome.REJECTED, 190L));
        assertThat(states(orders)).containsExactlyInAnyOrderEntriesOf(Map.of("HELD", 10L, "REJECTED", 190L));
        assertThat(level(product)).isEqualTo(new Level(10, 10));
        assertThat(events(StockReserved.class, orders)).hasSize(10)
                .allSatisfy(reserved -> assertThat(reserved.lines())
                        .containsExactly(new StockReserved.ReservedLine(product, 1, PRICE)));
        assertThat(events(StockRejected.class, orders)).hasSize(190)
                .allSatisfy(rejected -> assertThat(rejected.shortages()).singleElement()
                        .satisfies(shortage -> {
                            assertThat(shortage.productId()).isEqualTo(product);
                            assertThat(shortage.requested()).isEqualTo(1);
                            assertThat(shortage.available()).isZero();
                        }));

        // The holds lapse; the background sweeper (every 5 s) gives the stock back without being asked.
        db.sql("UPDATE stock_reservation SET expires_at = now() - interval '1 second' WHERE order_id = ANY(:orders)")
                .bind("orders", orders.toArray(UUID[]::new)).then().block();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> level(product).reserved() == 0);

        assertThat(level(product)).isEqualTo(new Level(10, 0));
        assertThat(states(orders)).containsExactlyInAnyOrderEntriesOf(Map.of("RELEASED", 10L, "REJECTED", 190L));
        List<StockReleased> released = events(StockReleased.class, orders);
        assertThat(released).hasSize(10).allSatisfy(event ->
                assertThat(event.reason()).isEqualTo(ReleaseReason.EXPIRED));
        assertThat(events(StockChanged.class, product).getLast().available()).isEqualTo(10);
    }

    @Test
    void aShortLineRejectsTheWholeOrderAndHoldsNothing() {
        UUID plenty = product(5);
        UUID scarce = product(1);
        UUID order = UUID.randomUUID();
        int changesBefore = events(StockChanged.class, plenty).size();

        ReservationOutcome outcome = reservations.reserve(reserve(order, null, line(plenty, 3), line(scarce, 2)))
                .block();

        assertThat(outcome).isEqualTo(ReservationOutcome.REJECTED);
        assertThat(level(plenty)).isEqualTo(new Level(5, 0));
        assertThat(level(scarce)).isEqualTo(new Level(1, 0));
        assertThat(reservation(order).state()).isEqualTo("REJECTED");
        assertThat(lines(order)).isEmpty();
        assertThat(events(StockReserved.class, order)).isEmpty();
        assertThat(events(StockRejected.class, order)).singleElement().satisfies(rejected ->
                assertThat(rejected.shortages()).containsExactly(new StockRejected.Shortage(scarce, 2, 1)));
        assertThat(events(StockChanged.class, plenty)).hasSize(changesBefore);
    }

    @Test
    void badLinesAreRejectedNotThrown() {
        UUID active = product(5);
        UUID unknown = UUID.randomUUID();
        UUID draft = product(5);
        db.sql("UPDATE product SET status = 'DRAFT' WHERE id = :id").bind("id", draft).then().block();
        UUID deleted = product(5);
        db.sql("UPDATE product SET deleted_at = now() WHERE id = :id").bind("id", deleted).then().block();
        UUID order = UUID.randomUUID();
        UUID zeroOrder = UUID.randomUUID();
        UUID emptyOrder = UUID.randomUUID();

        assertThat(reservations.reserve(reserve(order, null, line(active, 1), line(unknown, 1), line(draft, 1),
                line(deleted, 2))).block()).isEqualTo(ReservationOutcome.REJECTED);
        assertThat(reservations.reserve(reserve(zeroOrder, null, line(active, 0))).block())
                .isEqualTo(ReservationOutcome.REJECTED);
        assertThat(reservations.reserve(reserve(emptyOrder, null)).block()).isEqualTo(ReservationOutcome.REJECTED);

        assertThat(events(StockRejected.class, order)).singleElement().satisfies(rejected ->
                assertThat(rejected.shortages()).containsExactlyInAnyOrder(
                        new StockRejected.Shortage(unknown, 1, 0),
                        new StockRejected.Shortage(draft, 1, 0),
                        new StockRejected.Shortage(deleted, 2, 0)));
        assertThat(events(StockRejected.class, zeroOrder)).singleElement().satisfies(rejected ->
                assertThat(rejected.shortages()).containsExactly(new StockRejected.Shortage(active, 0, 5)));
        assertThat(events(StockRejected.class, emptyOrder)).singleElement().satisfies(rejected ->
                assertThat(rejected.shortages()).isEmpty());
        assertThat(level(active)).isEqualTo(new Level(5, 0));
        assertThat(reservation(order).state()).isEqualTo("REJECTED");
    }

    @Test
    void repeatingAReservationHasNoSecondEffectAndDuplicateLinesAreMerged() {
        UUID product = product(10);
        UUID order = UUID.randomUUID();
        ReserveStock command = reserve(order, null, line(product, 1), line(product, 2));

        List<ReservationOutcome> outcomes = Flux.range(0, 3)
                .flatMap(i -> reservations.reserve(command))
                .collectList().block();
        ReservationOutcome again = reservations.reserve(command).block();

        assertThat(outcomes).containsExactlyInAnyOrder(ReservationOutcome.RESERVED, ReservationOutcome.DUPLICATE,
                ReservationOutcome.DUPLICATE);
        assertThat(again).isEqualTo(ReservationOutcome.DUPLICATE);
        assertThat(level(product)).isEqualTo(new Level(10, 3));
        assertThat(lines(order)).containsExactly(
                new Line(product, CatalogFixtures.MAIN_WAREHOUSE, 3, "199.90", "RUB"));
        assertThat(events(StockReserved.class, order)).singleElement().satisfies(reserved -> {
            assertThat(reserved.reservationId()).isEqualTo(reservation(order).id());
            assertThat(reserved.lines()).containsExactly(new StockReserved.ReservedLine(product, 3, PRICE));
            assertThat(reserved.expiresAt()).isBetween(Instant.now().plus(Duration.ofMinutes(14)),
                    Instant.now().plus(Duration.ofMinutes(16)));
        });
        assertThat(events(StockRejected.class, order)).isEmpty();
    }

    @Test
    void aLineIsSplitAcrossWarehousesDefaultFirst() {
        UUID product = product(2);
        UUID second = warehouse();
        stock(product, second, 3);
        UUID order = UUID.randomUUID();

        assertThat(reservations.reserve(reserve(order, null, line(product, 4))).block())
                .isEqualTo(ReservationOutcome.RESERVED);

        assertThat(level(product)).isEqualTo(new Level(2, 2));
        assertThat(level(product, second)).isEqualTo(new Level(3, 2));
        assertThat(lines(order)).extracting(Line::warehouseId, Line::quantity).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(CatalogFixtures.MAIN_WAREHOUSE, 2),
                org.assertj.core.groups.Tuple.tuple(second, 2));
        assertThat(events(StockReserved.class, order)).singleElement().satisfies(reserved ->
                assertThat(reserved.lines()).containsExactly(new StockReserved.ReservedLine(product, 4, PRICE)));
        assertThat(events(StockChanged.class, product)).extracting(StockChanged::warehouseId, StockChanged::available)
                .contains(org.assertj.core.groups.Tuple.tuple(CatalogFixtures.MAIN_WAREHOUSE, 0),
                        org.assertj.core.groups.Tuple.tuple(second, 1));

        assertThat(reservations.release(new ReleaseStock(order, ReleaseReason.ORDER_CANCELLED)).block())
                .isEqualTo(ReservationOutcome.RELEASED);
        assertThat(level(product)).isEqualTo(new Level(2, 0));
        assertThat(level(product, second)).isEqualTo(new Level(3, 0));
    }

    @Test
    void commitTakesTheGoodsAndAReleaseAfterCommitPutsThemBack() {
        UUID product = product(10);
        UUID order = UUID.randomUUID();
        reservations.reserve(reserve(order, null, line(product, 4))).block();

        assertThat(reservations.commit(new CommitStock(order)).block()).isEqualTo(ReservationOutcome.COMMITTED);
        assertThat(level(product)).isEqualTo(new Level(6, 0));
        assertThat(reservation(order).state()).isEqualTo("COMMITTED");
        assertThat(reservations.commit(new CommitStock(order)).block()).isEqualTo(ReservationOutcome.DUPLICATE);
        assertThat(level(product)).isEqualTo(new Level(6, 0));

        assertThat(reservations.release(new ReleaseStock(order, ReleaseReason.ORDER_CANCELLED)).block())
                .isEqualTo(ReservationOutcome.RELEASED);
        assertThat(level(product)).isEqualTo(new Level(10, 0));
        assertThat(reservation(order)).extracting(Reservation::state, Reservation::releaseReason)
                .containsExactly("RELEASED", "ORDER_CANCELLED");
        assertThat(events(StockReleased.class, order)).singleElement().satisfies(released -> {
            assertThat(released.reason()).isEqualTo(ReleaseReason.ORDER_CANCELLED);
            assertThat(released.reservationId()).isEqualTo(reservation(order).id());
        });
        assertThat(events(StockChanged.class, product).getLast().available()).isEqualTo(10);

        assertThat(reservations.release(new ReleaseStock(order, ReleaseReason.ORDER_CANCELLED)).block())
                .isEqualTo(ReservationOutcome.DUPLICATE);
        assertThat(level(product)).isEqualTo(new Level(10, 0));
        assertThat(events(StockReleased.class, order)).hasSize(1);
    }

    @Test
    void releasingAHoldGivesItBack() {
        UUID product = product(3);
        UUID order = UUID.randomUUID();
        reservations.reserve(reserve(order, null, line(product, 3))).block();
        assertThat(level(product)).isEqualTo(new Level(3, 3));

        assertThat(reservations.release(new ReleaseStock(order, ReleaseReason.PAYMENT_FAILED)).block())
                .isEqualTo(ReservationOutcome.RELEASED);

        assertThat(level(product)).isEqualTo(new Level(3, 0));
        assertThat(reservation(order).releaseReason()).isEqualTo("PAYMENT_FAILED");
        assertThat(events(StockChanged.class, product).getLast().available()).isEqualTo(3);
        assertThat(events(StockReleased.class, order)).extracting(StockReleased::reason)
                .containsExactly(ReleaseReason.PAYMENT_FAILED);
    }

    @Test
    void aReleaseBeforeTheReservationMakesTheReservationANoOp() {
        UUID product = product(5);
        UUID order = UUID.randomUUID();

        assertThat(reservations.release(new ReleaseStock(order, ReleaseReason.ORDER_CANCELLED)).block())
                .isEqualTo(ReservationOutcome.RELEASED_BEFORE_RESERVE);
        assertThat(reservations.reserve(reserve(order, null, line(product, 2))).block())
                .isEqualTo(ReservationOutcome.DUPLICATE);

        assertThat(level(product)).isEqualTo(new Level(5, 0));
        assertThat(reservation(order).state()).isEqualTo("RELEASED");
        assertThat(lines(order)).isEmpty();
        assertThat(events(StockReleased.class, order)).hasSize(1);
        assertThat(events(StockReserved.class, order)).isEmpty();
        assertThat(events(StockRejected.class, order)).isEmpty();
    }

    @Test
    void aCommitAfterExpiryTakesTheStockAgainWhileItIsThere() {
        UUID product = product(5);
        UUID order = UUID.randomUUID();
        reservations.reserve(reserve(order, Duration.ofSeconds(1), line(product, 2))).block();
        expire(order);

        assertThat(reservations.commit(new CommitStock(order)).block()).isEqualTo(ReservationOutcome.COMMITTED);

        assertThat(level(product)).isEqualTo(new Level(3, 0));
        assertThat(reservation(order).state()).isEqualTo("COMMITTED");
        assertThat(events(StockChanged.class, product).getLast().available()).isEqualTo(3);
    }

    @Test
    void aCommitAfterExpiryWhenTheStockIsGoneLeavesItReleasedAndCountsIt() {
        UUID product = product(2);
        UUID order = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        reservations.reserve(reserve(order, Duration.ofSeconds(1), line(product, 2))).block();
        expire(order);
        reservations.reserve(reserve(other, null, line(product, 1))).block();
        double failedBefore = counter("late-commit-failed");

        assertThat(reservations.commit(new CommitStock(order)).block())
                .isEqualTo(ReservationOutcome.LATE_COMMIT_FAILED);

        assertThat(level(product)).isEqualTo(new Level(2, 1));
        assertThat(reservation(order)).extracting(Reservation::state, Reservation::releaseReason)
                .containsExactly("RELEASED", "EXPIRED");
        assertThat(counter("late-commit-failed")).isEqualTo(failedBefore + 1);
    }

    @Test
    void aCommitForAnUnknownOrderRecordsNothing() {
        UUID order = UUID.randomUUID();
        double before = counter("unknown-order");

        assertThat(reservations.commit(new CommitStock(order)).block()).isEqualTo(ReservationOutcome.UNKNOWN_ORDER);

        assertThat(reservation(order)).isNull();
        assertThat(counter("unknown-order")).isEqualTo(before + 1);
    }

    /** Waits for the hold to lapse and for a sweep (ours or the background one) to release it. */
    private void expire(UUID order) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            reservations.releaseExpired().block();
            return "RELEASED".equals(reservation(order).state());
        });
        assertThat(reservation(order).releaseReason()).isEqualTo("EXPIRED");
    }

    private Map<String, Long> states(List<UUID> orders) {
        return db.sql("SELECT state, count(*) AS n FROM stock_reservation WHERE order_id = ANY(:orders) GROUP BY state")
                .bind("orders", orders.toArray(UUID[]::new))
                .map(row -> Map.entry(row.get("state", String.class), row.get("n", Long.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue).block();
    }

    private double counter(String outcome) {
        return meters.get("catalog.stock.reservations").tag("outcome", outcome).counter().count();
    }

    private static ReserveStock reserve(UUID order, Duration holdFor, ReserveStock.Line... lines) {
        return new ReserveStock(order, List.of(lines), holdFor);
    }

    private static ReserveStock.Line line(UUID product, int quantity) {
        return new ReserveStock.Line(product, quantity);
    }
}
