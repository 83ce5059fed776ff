package com.fruitfulplanet.order.orders;

/** What the order knows of its payment, from payment-service's events ({@code payment.status} in the API). */
public enum PaymentStatus {
    NONE, AUTHORIZED, FAILED, CAPTURED, VOIDED, PARTIALLY_REFUNDED, REFUNDED
}
