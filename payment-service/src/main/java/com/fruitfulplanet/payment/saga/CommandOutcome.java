package com.fruitfulplanet.payment.saga;

/**
 * What a saga command did; the {@link #tag()} is the {@code outcome} tag of {@code fruitfulplanet.payments.commands}.
 */
public enum CommandOutcome {
    /** A provider call is recorded and will be made right after the commit. */
    ACCEPTED("accepted"),
    /** Refused at once, with its answer (an authorization for an unknown provider or a bad amount: PaymentFailed). */
    REJECTED("rejected"),
    /** Already applied (the same operation for the order exists): no effect, no event. */
    DUPLICATE("duplicate"),
    /** A void for an order without a payment: remembered, so its late AuthorizePayment has no effect. */
    VOIDED_BEFORE_AUTHORIZE("voided-before-authorize"),
    /** An authorization for an order that was voided before: nothing is held. */
    AUTHORIZE_AFTER_VOID("authorize-after-void"),
    /** Does not apply to the payment as it is (capture of a voided payment, void of a captured one, ...): logged. */
    NOT_APPLICABLE("not-applicable"),
    /** A capture or refund for an order that has no payment. */
    UNKNOWN_ORDER("unknown-order");

    private final String tag;

    CommandOutcome(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
