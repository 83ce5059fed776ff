package com.fruitfulplanet.payment.ledger;

/** A provider call not yet answered (or not yet made), done, or refused (declined, or not applicable any more). */
public enum TransactionStatus {
    PENDING, SUCCEEDED, FAILED
}
