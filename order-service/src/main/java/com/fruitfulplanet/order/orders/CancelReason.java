package com.fruitfulplanet.order.orders;

import com.fruitfulplanet.contracts.events.order.OrderCancelled.CancellationReason;

/** Why an order was cancelled: the saga's outcomes (API.md's names) or a person's decision. */
public enum CancelReason {
    OUT_OF_STOCK, PAYMENT_DECLINED, TIMEOUT, CANCELLED_BY_USER, CANCELLED_BY_STAFF;

    public CancellationReason inEvents() {
        return CancellationReason.valueOf(name());
    }
}
