package com.fruitfulplanet.payment.ledger;

import java.util.Locale;
import java.util.UUID;

/** One kind of provider call; a payment's transactions are rows of these (V1__payment_ledger.sql). */
public enum TransactionType {
    AUTHORIZE, CAPTURE, VOID, REFUND;

    /** The metric tag and the idempotency-key part: {@code authorize}, {@code capture}, ... */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The provider's idempotency key of this operation for an order, e.g. {@code order:<orderId>:authorize}: the
     * same for every retry, so neither a repeated command nor a repeated call can do it twice. Refunds can be several
     * per order; each has its own id ({@link #refundKey}).
     */
    public String keyFor(UUID orderId) {
        if (this == REFUND) {
            throw new IllegalArgumentException("A refund's key names the refund: use refundKey");
        }
        return "order:" + orderId + ":" + tag();
    }

    public static String refundKey(UUID orderId, UUID refundId) {
        return "order:" + orderId + ":refund:" + refundId;
    }
}
