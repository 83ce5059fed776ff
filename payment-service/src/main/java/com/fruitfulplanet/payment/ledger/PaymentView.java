package com.fruitfulplanet.payment.ledger;

import com.fruitfulplanet.contracts.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A payment as API.md "Payments" shows it: {@code {id, orderId, status, amount, provider, transactions}}, plus when
 * it was created and last changed. The card token is never shown.
 */
public record PaymentView(UUID id, UUID orderId, PaymentStatus status, Money amount, String provider,
                          List<TransactionView> transactions, Instant createdAt, Instant updatedAt) {

    static PaymentView of(Payment payment, List<LedgerTransaction> transactions) {
        return new PaymentView(payment.id(), payment.orderId(), payment.status(), payment.amount(), payment.provider(),
                transactions.stream().map(TransactionView::of).toList(), payment.createdAt(), payment.updatedAt());
    }
}
