package com.fruitfulplanet.order.orders;

/** What the saga of an order waits for; each waiting step has a deadline (customer_order.step_deadline). */
public enum SagaStep {
    /** ReserveStock sent; waiting for StockReserved or StockRejected. */
    RESERVING_STOCK,
    /** Stock held, AuthorizePayment sent; waiting for PaymentAuthorized or PaymentFailed. */
    AUTHORIZING_PAYMENT,
    /** Nothing to wait for: the order is confirmed or cancelled (later payment events only update what it shows). */
    DONE
}
