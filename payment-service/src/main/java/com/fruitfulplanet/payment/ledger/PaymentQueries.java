package com.fruitfulplanet.payment.ledger;

import com.fruitfulplanet.platform.problem.Problems;
import com.fruitfulplanet.platform.security.Caller;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Payments as their owner (the customer who placed the order) and staff (MANAGER, ADMIN) see them. Anyone else's
 * payment does not exist for the caller: an empty list, or 404 (API.md "Conventions").
 */
@Service
public class PaymentQueries {

    private final LedgerRows rows;

    PaymentQueries(LedgerRows rows) {
        this.rows = rows;
    }

    /** The order's payment (at most one), if the caller may see it. */
    public Mono<List<PaymentView>> byOrder(UUID orderId, Caller caller) {
        return rows.findByOrder(orderId)
                .filter(payment -> visible(payment, caller))
                .collectList()
                .flatMap(this::views);
    }

    /** The payment, or a 404 problem when there is none the caller may see. */
    public Mono<PaymentView> byId(UUID paymentId, Caller caller) {
        return rows.find(paymentId)
                .filter(payment -> visible(payment, caller))
                .switchIfEmpty(Mono.error(() -> Problems.notFound("payment")))
                .flatMap(payment -> views(List.of(payment)))
                .map(List::getFirst);
    }

    private Mono<List<PaymentView>> views(List<Payment> payments) {
        if (payments.isEmpty()) {
            return Mono.just(List.of());
        }
        return rows.transactionsOf(payments.stream().map(Payment::id).toList())
                .collect(Collectors.groupingBy(LedgerTransaction::paymentId))
                .map(byPayment -> payments.stream()
                        .map(payment -> PaymentView.of(payment, byPayment.getOrDefault(payment.id(), List.of())))
                        .toList());
    }

    private static boolean visible(Payment payment, Caller caller) {
        return caller.isStaff() || payment.userId().equals(caller.id());
    }
}
