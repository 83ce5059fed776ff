package com.fruitfulplanet.catalog.stock;

import com.fruitfulplanet.catalog.stock.ReservationRows.Line;
import com.fruitfulplanet.catalog.stock.ReservationRows.PricedLine;
import com.fruitfulplanet.catalog.stock.ReservationRows.Reservation;
import com.fruitfulplanet.catalog.stock.StockLevelRows.Change;
import com.fruitfulplanet.catalog.stock.StockLevelRows.Take;
import com.fruitfulplanet.contracts.events.catalog.CommitStock;
import com.fruitfulplanet.contracts.events.catalog.ReleaseStock;
import com.fruitfulplanet.contracts.events.catalog.ReserveStock;
import com.fruitfulplanet.contracts.events.catalog.StockChanged;
import com.fruitfulplanet.contracts.events.catalog.StockRejected;
import com.fruitfulplanet.contracts.events.catalog.StockReleased;
import com.fruitfulplanet.contracts.events.catalog.StockReleased.ReleaseReason;
import com.fruitfulplanet.contracts.events.catalog.StockReserved;
import com.fruitfulplanet.platform.events.outbox.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Stock held for orders: catalog-service's steps of the order saga (ARCHITECTURE.md "The order saga"). Every
 * method runs in one transaction with the events it writes to the outbox; called from the {@code stock-commands}
 * consumer it joins the inbox transaction, so a redelivered command has no second effect.
 *
 * <ul>
 * <li>{@link #reserve}: all lines or none, one reservation per order (the unique {@code order_id} is the
 * idempotency gate: a repeat, or a reserve after a release, changes nothing and emits nothing). Each line takes
 * what is free with an atomic conditional update per warehouse (default warehouse first, then by id), in product id
 * order; a line may come from several warehouses. If a line is short, what this attempt took is given back on the
 * rows it still holds locked, and the order gets a REJECTED reservation and {@code StockRejected}. Bad input
 * (no lines, a quantity below 1, an unknown, deleted or not ACTIVE product) is a rejection too, never an exception
 * that would send the command round the retry loop.</li>
 * <li>{@link #commit}: HELD becomes COMMITTED, the goods leave (on hand and reserved down; what is available does
 * not change, so no {@code StockChanged}); a hold past its expiry that no sweep has reached yet still commits
 * normally. <b>A commit after expiry</b> (RELEASED with reason EXPIRED: the payment took longer than the hold)
 * tries to take the same quantities from the same warehouses again, atomically; if it can, the order is COMMITTED
 * as if the hold had never lapsed. If it cannot, the reservation stays RELEASED,
 * nothing changes, and the commit is logged as a warning and counted as {@code late-commit-failed}: the order is
 * paid for goods that are gone, which someone must sort out (the saga will be told in a later change; until then
 * the metric is what alerts). A commit of a REJECTED reservation or of one the saga itself released is counted
 * the same way; a commit of an order never reserved as {@code unknown-order}. None of these fails the command:
 * retrying cannot change them.</li>
 * <li>{@link #release}: HELD gives back its hold, COMMITTED puts the goods back on the shelf; both become RELEASED
 * with the reason, and emit {@code StockReleased} and a {@code StockChanged} per product and warehouse. A release
 * for an order without a reservation records a RELEASED tombstone (no lines), so the order's late ReserveStock is
 * a no-op, and also answers {@code StockReleased}: ReleaseStock is answered by it, and the saga's compensation
 * should not wait for an answer that never comes. Releasing what is already RELEASED or REJECTED does nothing and
 * emits nothing.</li>
 * <li>{@link #releaseExpired}: one batch of HELD reservations past {@code expires_at} is released with reason
 * EXPIRED, as a release would; locked {@code FOR UPDATE SKIP LOCKED}, so several replicas sweep safely.</li>
 * </ul>
 *
 * <p>Locks are always taken reservation row first, then stock rows in {@link StockLevelRows}' lock order.
 * The {@code catalog.stock.reservations} counter is tagged with the {@link ReservationOutcome} and counted when the
 * transaction commits.
 */
@Service
public class StockReservations {

    private static final Logger log = LoggerFactory.getLogger(StockReservations.class);

    private final ReservationRows reservations;
    private final StockLevelRows stock;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final StockReservationProperties properties;
    private final Clock clock;
    private final Map<ReservationOutcome, Counter> outcomes = new EnumMap<>(ReservationOutcome.class);

    StockReservations(ReservationRows reservations, StockLevelRows stock, Outbox outbox,
                      TransactionalOperator transactions, StockReservationProperties properties,
                      ObjectProvider<MeterRegistry> meters, ObjectProvider<Clock> clock) {
        this.reservations = reservations;
        this.stock = stock;
        this.outbox = outbox;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        for (ReservationOutcome outcome : ReservationOutcome.values()) {
            outcomes.put(outcome, Counter.builder("catalog.stock.reservations")
                    .description("Stock reservation commands and expiries, by what they did")
                    .tag("outcome", outcome.tag())
                    .register(registry));
        }
    }

    /** Holds every line of the order, or none; see the class comment. */
    public Mono<ReservationOutcome> reserve(ReserveStock command) {
        UUID reservationId = UUID.randomUUID();
        return transactions.transactional(
                reservations.insertHeld(reservationId, command.orderId(), properties.holdFor(command.holdFor()))
                        .flatMap(expiresAt -> attempt(reservationId, expiresAt, command))
                        .switchIfEmpty(Mono.defer(() -> repeatedReserve(command.orderId())))
                        .flatMap(outcome -> countedOnCommit(outcome, 1)));
    }

    /** The held goods leave the shelf; see the class comment for commits that come late. */
    public Mono<ReservationOutcome> commit(CommitStock command) {
        UUID orderId = command.orderId();
        return transactions.transactional(
                reservations.lock(orderId)
                        .flatMap(reservation -> switch (reservation.state()) {
                            case HELD -> commitHeld(reservation);
                            case COMMITTED -> Mono.just(ReservationOutcome.DUPLICATE);
                            case RELEASED -> reservation.releaseReason() == ReleaseReason.EXPIRED
                                    ? commitAfterExpiry(orderId, reservation)
                                    : lateCommitFailed(orderId, "its stock was released (" + reservation
                                            .releaseReason() + ")");
                            case REJECTED -> lateCommitFailed(orderId, "its reservation was rejected");
                        })
                        .switchIfEmpty(Mono.fromSupplier(() -> {
                            log.warn("CommitStock for order {}, which has no reservation: ignored", orderId);
                            return ReservationOutcome.UNKNOWN_ORDER;
                        }))
                        .flatMap(outcome -> countedOnCommit(outcome, 1)));
    }

    /** Gives the order's stock back (or leaves a tombstone when it has none yet); see the class comment. */
    public Mono<ReservationOutcome> release(ReleaseStock command) {
        return transactions.transactional(release(command.orderId(), command.reason(), true)
                .flatMap(outcome -> countedOnCommit(outcome, 1)));
    }

    /**
     * Releases one batch (at most {@code sweep-batch}) of expired holds, with reason EXPIRED.
     *
     * @return how many reservations it released; fewer than the batch size means none are left for now
     */
    public Mono<Integer> releaseExpired() {
        return transactions.transactional(reservations.lockExpired(properties.sweepBatch())
                .collectList()
                .flatMap(expired -> expired.isEmpty() ? Mono.just(0) : releaseAll(expired)));
    }

    int sweepBatch() {
        return properties.sweepBatch();
    }

    private Mono<ReservationOutcome> repeatedReserve(UUID orderId) {
        return reservations.find(orderId).map(existing -> {
            log.debug("ReserveStock for order {} again; its reservation {} is {}: no effect", orderId,
                    existing.id(), existing.state());
            return ReservationOutcome.DUPLICATE;
        });
    }

    private Mono<ReservationOutcome> attempt(UUID reservationId, Instant expiresAt, ReserveStock command) {
        RequestedLines requested = RequestedLines.of(command.lines());
        if (requested.quantities().isEmpty()) {
            return reject(reservationId, command.orderId(), requested, Set.of(), null);
        }
        return reservations.sellable(requested.quantities().keySet()).collectList().flatMap(products -> {
            Set<UUID> sellable = products.stream().filter(ReservationRows.Sellable::sellable)
                    .map(ReservationRows.Sellable::productId).collect(Collectors.toSet());
            if (!requested.invalid().isEmpty() || sellable.size() != requested.quantities().size()) {
                return reject(reservationId, command.orderId(), requested, sellable, null);
            }
            // products: in PostgreSQL's id order, the lock order.
            List<UUID> lockOrder = products.stream().map(ReservationRows.Sellable::productId).toList();
            return stock.placesInLockOrder(lockOrder)
                    .collect(Collectors.groupingBy(StockLevelRows.Place::productId,
                            Collectors.mapping(StockLevelRows.Place::warehouseId, Collectors.toList())))
                    .flatMap(places -> takeAll(lockOrder, requested.quantities(), places))
                    .flatMap(lines -> {
                        List<Take> takes = lines.stream().flatMap(line -> line.takes().stream()).toList();
                        LineTake last = lines.getLast();
                        if (lines.size() == lockOrder.size() && last.complete()) {
                            return hold(reservationId, expiresAt, command.orderId(), lockOrder, takes);
                        }
                        return Flux.fromIterable(takes)
                                .concatMap(take -> stock.unreserve(take.productId(), take.warehouseId(),
                                        take.quantity()))
                                .then(reject(reservationId, command.orderId(), requested, sellable, last.productId()));
                    });
        });
    }

    /** Takes line after line, stopping after the first one that cannot be taken in full. */
    private Mono<List<LineTake>> takeAll(List<UUID> lockOrder, Map<UUID, Integer> quantities,
                                         Map<UUID, List<UUID>> places) {
        return Flux.fromIterable(lockOrder)
                .concatMap(product -> take(product, quantities.get(product),
                        places.getOrDefault(product, List.of()), 0, new ArrayList<>())
                        .map(takes -> new LineTake(product, quantities.get(product), takes)))
                .takeUntil(line -> !line.complete())
                .collectList();
    }

    private Mono<List<Take>> take(UUID product, int remaining, List<UUID> warehouses, int next, List<Take> taken) {
        if (remaining == 0 || next == warehouses.size()) {
            return Mono.just(taken);
        }
        return stock.reserveUpTo(product, warehouses.get(next), remaining)
                .doOnNext(taken::add)
                .map(Take::quantity)
                .defaultIfEmpty(0)
                .flatMap(quantity -> take(product, remaining - quantity, warehouses, next + 1, taken));
    }

    private Mono<ReservationOutcome> hold(UUID reservationId, Instant expiresAt, UUID orderId, List<UUID> lockOrder,
                                          List<Take> takes) {
        return reservations.insertLines(reservationId, takes).collectList().flatMap(stored -> {
            Map<UUID, List<PricedLine>> byProduct = stored.stream()
                    .collect(Collectors.groupingBy(PricedLine::productId));
            List<StockReserved.ReservedLine> lines = lockOrder.stream().map(product -> {
                List<PricedLine> parts = byProduct.get(product);
                return new StockReserved.ReservedLine(product,
                        parts.stream().mapToInt(PricedLine::quantity).sum(), parts.getFirst().unitPrice());
            }).toList();
            Instant now = clock.instant();
            return Flux.fromIterable(takes)
                    .concatMap(take -> outbox.append(
                            new StockChanged(take.productId(), take.warehouseId(), take.available(), now)))
                    .then(outbox.append(new StockReserved(reservationId, orderId, lines, expiresAt)))
                    .thenReturn(ReservationOutcome.RESERVED);
        });
    }

    /**
     * Records the rejection with every line that cannot be had now: bad quantities, products that cannot be sold
     * (available 0), lines asking more than is free, and {@code failedLine}, the line the attempt stopped at
     * (reported even if stock freed up since).
     */
    private Mono<ReservationOutcome> reject(UUID reservationId, UUID orderId, RequestedLines requested,
                                            Set<UUID> sellable, UUID failedLine) {
        Mono<Map<UUID, Integer>> available = sellable.isEmpty() ? Mono.just(Map.of())
                : stock.available(sellable).collectMap(StockLevelRows.Availability::productId,
                        StockLevelRows.Availability::available);
        return reservations.markRejected(reservationId).then(available).flatMap(free -> {
            List<StockRejected.Shortage> shortages = new ArrayList<>();
            requested.quantities().forEach((product, quantity) -> {
                int now = sellable.contains(product) ? free.getOrDefault(product, 0) : 0;
                if (requested.invalid().contains(product) || !sellable.contains(product) || quantity > now
                        || product.equals(failedLine)) {
                    shortages.add(new StockRejected.Shortage(product, quantity, now));
                }
            });
            log.info("Stock for order {} rejected: {}", orderId, shortages);
            return outbox.append(new StockRejected(orderId, shortages)).thenReturn(ReservationOutcome.REJECTED);
        });
    }

    private Mono<ReservationOutcome> commitHeld(Reservation reservation) {
        return reservations.linesInLockOrder(List.of(reservation.id()))
                .concatMap(line -> stock.commitReserved(line.productId(), line.warehouseId(), line.quantity())
                        .switchIfEmpty(Mono.error(() -> new IllegalStateException(("Reservation %s holds %d of "
                                + "product %s in warehouse %s, but fewer are reserved there").formatted(
                                reservation.id(), line.quantity(), line.productId(), line.warehouseId())))))
                .then(reservations.markCommitted(reservation.id()))
                .thenReturn(ReservationOutcome.COMMITTED);
    }

    /** Takes the lapsed hold's quantities again, all or none; see the class comment. */
    private Mono<ReservationOutcome> commitAfterExpiry(UUID orderId, Reservation reservation) {
        List<Line> taken = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        return reservations.linesInLockOrder(List.of(reservation.id()))
                .concatMap(line -> stock.takeOnHand(line.productId(), line.warehouseId(), line.quantity())
                        .doOnNext(change -> {
                            taken.add(line);
                            changes.add(change);
                        })
                        .hasElement())
                .all(took -> took) // stops at the first line that cannot be taken
                .flatMap(all -> {
                    if (all && !taken.isEmpty()) { // no lines at all (not a lapsed hold) is nothing to commit
                        log.info("CommitStock for order {} after its hold expired: stock taken again", orderId);
                        return reservations.markCommitted(reservation.id())
                                .then(stockChanged(changes))
                                .thenReturn(ReservationOutcome.COMMITTED);
                    }
                    return Flux.fromIterable(taken)
                            .concatMap(line -> stock.putBack(line.productId(), line.warehouseId(), line.quantity()))
                            .then(lateCommitFailed(orderId, "its hold expired and the stock is gone"));
                });
    }

    private Mono<ReservationOutcome> lateCommitFailed(UUID orderId, String why) {
        log.warn("CommitStock for order {} cannot be honoured: {}. The order is paid but no stock is committed "
                + "for it", orderId, why);
        return Mono.just(ReservationOutcome.LATE_COMMIT_FAILED);
    }

    private Mono<ReservationOutcome> release(UUID orderId, ReleaseReason reason, boolean mayRetry) {
        return reservations.lock(orderId)
                .flatMap(reservation -> switch (reservation.state()) {
                    case HELD -> releaseLines(reservation, orderId, reason, stock::unreserve);
                    case COMMITTED -> releaseLines(reservation, orderId, reason, stock::putBack);
                    case RELEASED, REJECTED -> Mono.just(ReservationOutcome.DUPLICATE);
                })
                .switchIfEmpty(Mono.defer(() -> tombstone(orderId, reason, mayRetry)));
    }

    private Mono<ReservationOutcome> releaseLines(Reservation reservation, UUID orderId, ReleaseReason reason,
                                                  StockRowChange change) {
        return reservations.linesInLockOrder(List.of(reservation.id()))
                .concatMap(line -> change.apply(line.productId(), line.warehouseId(), line.quantity()))
                .collectList()
                .flatMap(changes -> reservations.markReleased(List.of(reservation.id()), reason)
                        .then(stockChanged(changes))
                        .then(outbox.append(new StockReleased(reservation.id(), orderId, reason, clock.instant())))
                        .thenReturn(ReservationOutcome.RELEASED));
    }

    private Mono<ReservationOutcome> tombstone(UUID orderId, ReleaseReason reason, boolean mayRetry) {
        UUID id = UUID.randomUUID();
        return reservations.insertTombstone(id, orderId, reason).flatMap(inserted -> {
            if (inserted) {
                log.info("ReleaseStock for order {} before any reservation: later ReserveStock will be ignored",
                        orderId);
                return outbox.append(new StockReleased(id, orderId, reason, clock.instant()))
                        .thenReturn(ReservationOutcome.RELEASED_BEFORE_RESERVE);
            }
            // A ReserveStock for the order committed between our lookup and our insert: release that one.
            return mayRetry ? release(orderId, reason, false) : Mono.error(new IllegalStateException(
                    "Order " + orderId + " has a reservation that cannot be found"));
        });
    }

    private Mono<Integer> releaseAll(List<ReservationRows.Expired> expired) {
        List<UUID> ids = expired.stream().map(ReservationRows.Expired::id).toList();
        Instant now = clock.instant();
        return reservations.linesInLockOrder(ids)
                .concatMap(line -> stock.unreserve(line.productId(), line.warehouseId(), line.quantity()))
                .collectList()
                .flatMap(changes -> reservations.markReleased(ids, ReleaseReason.EXPIRED)
                        .then(stockChanged(changes))
                        .thenMany(Flux.fromIterable(expired).concatMap(reservation -> outbox.append(
                                new StockReleased(reservation.id(), reservation.orderId(), ReleaseReason.EXPIRED,
                                        now))))
                        .then(countedOnCommit(ReservationOutcome.EXPIRED, expired.size())))
                .thenReturn(expired.size());
    }

    /** A StockChanged per row; a row that lacked reserved units for a release (changed by hand) is reported. */
    private Mono<Void> stockChanged(Collection<Change> changes) {
        Instant now = clock.instant();
        return Flux.fromIterable(changes)
                .doOnNext(change -> {
                    if (change.shortBy() > 0) {
                        log.warn("Product {} in warehouse {} had {} fewer units reserved than its reservations "
                                        + "released; reserved set to 0", change.productId(), change.warehouseId(),
                                change.shortBy());
                    }
                })
                .concatMap(change -> outbox.append(
                        new StockChanged(change.productId(), change.warehouseId(), change.available(), now)))
                .then();
    }

    /** Counts the outcome once the surrounding transaction (this one, or the inbox's it joined) has committed. */
    private Mono<ReservationOutcome> countedOnCommit(ReservationOutcome outcome, int times) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(synchronization -> synchronization.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(() -> outcomes.get(outcome).increment(times));
                    }
                }))
                .thenReturn(outcome);
    }

    /** One change of a stock row by a line of a reservation. */
    @FunctionalInterface
    private interface StockRowChange {
        Mono<Change> apply(UUID productId, UUID warehouseId, int quantity);
    }

    /** What one line got: the takes from each warehouse, in lock order. */
    private record LineTake(UUID productId, int requested, List<Take> takes) {

        boolean complete() {
            return takes.stream().mapToInt(Take::quantity).sum() == requested;
        }
    }

    /**
     * The lines of a ReserveStock, one per product: duplicates merged (summed, capped at {@code Integer.MAX_VALUE}).
     * A product with a line below 1 is invalid, and its quantity is that line's.
     */
    record RequestedLines(Map<UUID, Integer> quantities, Set<UUID> invalid) {

        static RequestedLines of(List<ReserveStock.Line> lines) {
            Map<UUID, Long> sums = new LinkedHashMap<>();
            Map<UUID, Integer> invalid = new LinkedHashMap<>();
            for (ReserveStock.Line line : lines) {
                sums.merge(line.productId(), (long) line.quantity(), Long::sum);
                if (line.quantity() < 1) {
                    invalid.putIfAbsent(line.productId(), line.quantity());
                }
            }
            Map<UUID, Integer> quantities = new LinkedHashMap<>();
            sums.forEach((product, sum) -> quantities.put(product, invalid.containsKey(product)
                    ? invalid.get(product) : (int) Math.min(sum, Integer.MAX_VALUE)));
            return new RequestedLines(quantities, new HashSet<>(invalid.keySet()));
        }
    }
}
