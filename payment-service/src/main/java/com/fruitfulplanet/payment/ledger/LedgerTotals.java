package com.fruitfulplanet.payment.ledger;

import java.math.BigDecimal;

/**
 * Sums over a payment's transactions, in its currency.
 *
 * @param captured        succeeded captures
 * @param capturePending  captures not yet answered
 * @param refunded        succeeded refunds
 * @param refundPending   refunds not yet answered (counted against what may still be refunded)
 */
public record LedgerTotals(BigDecimal captured, BigDecimal capturePending, BigDecimal refunded,
                           BigDecimal refundPending) {

    /** What a new refund may still take: captured (or, if {@code withPendingCapture}, about to be) minus refunds. */
    public BigDecimal refundable(boolean withPendingCapture) {
        BigDecimal base = withPendingCapture ? captured.add(capturePending) : captured;
        return base.subtract(refunded).subtract(refundPending).max(BigDecimal.ZERO);
    }
}
