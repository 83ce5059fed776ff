package com.fruitfulplanet.payment.webhook;

import org.springframework.http.HttpStatus;

/**
 * Why a webhook was refused before it could change anything; the {@link #tag()} is the {@code reason} tag of
 * {@code fruitfulplanet.payments.webhooks.rejected} and the problem type.
 */
enum WebhookRejection {
    UNKNOWN_PROVIDER(HttpStatus.NOT_FOUND, "unknown-provider", "No such payment provider."),
    /** The provider is known, but no webhook secret is configured for it, so nothing it sends can be trusted. */
    NOT_CONFIGURED(HttpStatus.NOT_FOUND, "webhooks-not-configured", "Webhooks are not enabled for this provider."),
    MISSING_SIGNATURE(HttpStatus.BAD_REQUEST, "webhook-signature-missing",
            "The Payment-Signature header is missing."),
    MALFORMED_SIGNATURE(HttpStatus.BAD_REQUEST, "webhook-signature-malformed",
            "The Payment-Signature header is not of the form t=<unix seconds>,v1=<hex HMAC-SHA256>."),
    BAD_SIGNATURE(HttpStatus.UNAUTHORIZED, "webhook-signature-invalid",
            "The signature does not match the body."),
    STALE_TIMESTAMP(HttpStatus.UNAUTHORIZED, "webhook-timestamp-outside-tolerance",
            "The signed timestamp is too far from now."),
    MALFORMED_BODY(HttpStatus.BAD_REQUEST, "webhook-malformed",
            "The body is not a webhook event {id, type, data: {idempotencyKey, reference?, reason?}}.");

    private final HttpStatus status;
    private final String tag;
    private final String detail;

    WebhookRejection(HttpStatus status, String tag, String detail) {
        this.status = status;
        this.tag = tag;
        this.detail = detail;
    }

    HttpStatus status() {
        return status;
    }

    String tag() {
        return tag;
    }

    String detail() {
        return detail;
    }
}
