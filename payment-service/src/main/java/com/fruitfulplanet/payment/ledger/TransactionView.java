package com.fruitfulplanet.payment.ledger;

import com.fruitfulplanet.contracts.money.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * One transaction of a payment: API.md's {@code {type, amount, status, providerReference, at}}, plus its id, why it
 * was asked for ({@code reason}), why it failed ({@code failureReason}) and when it was settled.
 */
public record TransactionView(UUID id, TransactionType type, Money amount, TransactionStatus status,
                              String providerReference, String reason, String failureReason, Instant at,
                              Instant settledAt) {

    public static TransactionView of(LedgerTransaction transaction) {
        return new TransactionView(transaction.id(), transaction.type(), transaction.amount(), transaction.status(),
                transaction.providerReference(), transaction.reason(), transaction.failureReason(),
                transaction.at(), transaction.settledAt());
    }
}
