package com.fruitfulplanet.catalog.stock;

/**
 * What a saga command (or the expiry sweep) did to a reservation; the {@link #tag()} is the {@code outcome} tag of
 * the {@code catalog.stock.reservations} counter.
 */
public enum ReservationOutcome {
    /** All lines are held. */
    RESERVED("reserved"),
    /** Some line could not be held (short, unknown or unsellable product, bad quantity); nothing is held. */
    REJECTED("rejected"),
    /** The command was already applied, or there is nothing left for it to do: no effect, no event. */
    DUPLICATE("duplicate"),
    /** The goods left the shelf (also a commit that arrived after expiry and could take the stock again). */
    COMMITTED("committed"),
    /** Held or committed stock was given back. */
    RELEASED("released"),
    /** A release for an order that has no reservation yet: a tombstone makes its late ReserveStock a no-op. */
    RELEASED_BEFORE_RESERVE("released-before-reserve"),
    /** A hold lapsed and the sweep gave it back. */
    EXPIRED("expired"),
    /** A commit that could not be honoured: the hold lapsed and the stock is gone, or the order was released. */
    LATE_COMMIT_FAILED("late-commit-failed"),
    /** A commit for an order that was never reserved. */
    UNKNOWN_ORDER("unknown-order");

    private final String tag;

    ReservationOutcome(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
