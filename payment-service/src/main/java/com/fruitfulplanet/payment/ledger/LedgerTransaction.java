package com.fruitfulplanet.payment.ledger;

import com.fruitfulplanet.contracts.money.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code payment_transaction}: one provider call of a payment.
 *
 * @param reason        why it was asked for (voids and refunds; free text)
 * @param failureReason why it FAILED: the provider's decline, or why it was not executed
 * @param at            when it was recorded
 * @param attemptedAt   when the provider was last called for it; null while it waits its turn
 */
public record LedgerTransaction(UUID id, UUID paymentId, TransactionType type, Money amount, TransactionStatus status,
                                String providerReference, String idempotencyKey, String reason, String failureReason,
                                Instant at, Instant attemptedAt, Instant settledAt) {
}
