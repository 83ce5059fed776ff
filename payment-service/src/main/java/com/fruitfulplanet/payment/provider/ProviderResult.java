package com.fruitfulplanet.payment.provider;

import java.util.Locale;
import java.util.Objects;

/**
 * A provider's answer to a call.
 *
 * @param reference the provider's id of what it did (SUCCEEDED; may also come with a decline)
 * @param reason    why it declined, for people (DECLINED only)
 */
public record ProviderResult(Outcome outcome, String reference, String reason) {

    public ProviderResult {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome == Outcome.DECLINED && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("A decline needs a reason");
        }
    }

    public static ProviderResult succeeded(String reference) {
        return new ProviderResult(Outcome.SUCCEEDED, Objects.requireNonNull(reference, "reference"), null);
    }

    public static ProviderResult declined(String reason) {
        return new ProviderResult(Outcome.DECLINED, null, reason);
    }

    /** No answer yet: the call timed out or failed, or the provider is still deciding. */
    public static ProviderResult pending() {
        return new ProviderResult(Outcome.PENDING, null, null);
    }

    public boolean settled() {
        return outcome != Outcome.PENDING;
    }

    public enum Outcome {
        SUCCEEDED, DECLINED, PENDING;

        /** The {@code outcome} tag of {@code fruitfulplanet.payments.operations}. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
