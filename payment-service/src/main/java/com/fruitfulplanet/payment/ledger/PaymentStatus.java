package com.fruitfulplanet.payment.ledger;

/**
 * Where a payment stands, as V1__payment_ledger.sql allows it. It follows from its settled transactions: PENDING
 * until the authorization is settled; AUTHORIZED (money held) or FAILED (declined); then CAPTURED (money taken) or
 * VOIDED (hold released); a captured payment becomes PARTIALLY_REFUNDED or REFUNDED as refunds succeed.
 */
public enum PaymentStatus {
    PENDING, AUTHORIZED, CAPTURED, VOIDED, FAILED, PARTIALLY_REFUNDED, REFUNDED;

    /** Money was taken and not (all) given back: refunds are possible. */
    public boolean captured() {
        return this == CAPTURED || this == PARTIALLY_REFUNDED;
    }
}
