package com.fruitfulplanet.payment.webhook;

import com.fruitfulplanet.payment.ledger.TransactionType;
import com.fruitfulplanet.payment.provider.ProviderResult;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's webhook body: {@code {"id": "evt_...", "type": "payment.authorized", "data": {"idempotencyKey": ...,
 * "reference": ..., "reason": ...}}}. {@code data.idempotencyKey} is the key we sent with the call it is about.
 */
record WebhookNotification(String id, String type, Data data) {

    /** The types that report a success, and the operation each is about. */
    private static final Map<String, TransactionType> SUCCEEDED = Map.of(
            "payment.authorized", TransactionType.AUTHORIZE,
            "payment.captured", TransactionType.CAPTURE,
            "payment.voided", TransactionType.VOID,
            "payment.refunded", TransactionType.REFUND);

    /** Types that report a refusal of whatever the key's call asked for. */
    private static final java.util.Set<String> DECLINED = java.util.Set.of("payment.declined", "payment.failed");

    record Data(String idempotencyKey, String reference, String reason) {
    }

    /** Has what every event needs (an id of at most 255 characters, a type, the idempotency key). */
    boolean wellFormed() {
        return present(id) && id.length() <= 255 && present(type) && type.length() <= 100 && data != null
                && present(data.idempotencyKey()) && data.idempotencyKey().length() <= 500
                && (!SUCCEEDED.containsKey(type) || present(data.reference()));
    }

    /**
     * The provider's answer for a transaction of that type; empty when the event is not about such an answer (a
     * type we do not handle, or a success type about another operation).
     */
    Optional<ProviderResult> resultFor(TransactionType transactionType) {
        if (DECLINED.contains(type)) {
            String reason = present(data.reason()) ? data.reason() : "Declined by the provider";
            return Optional.of(new ProviderResult(ProviderResult.Outcome.DECLINED, data.reference(), reason));
        }
        return SUCCEEDED.get(type) == transactionType ? Optional.of(ProviderResult.succeeded(data.reference()))
                : Optional.empty();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
