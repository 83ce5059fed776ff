package com.fruitfulplanet.payment.webhook;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * API.md "Payments": {@code POST /api/v1/payments/webhooks/{provider}}, without a token (the gateway lets it through;
 * PaymentSecurityConfiguration permits it): the signature is the authentication. The body is taken as raw bytes,
 * because the signature is over exactly those bytes. 200 {@code {"outcome": ...}} for every verified event,
 * duplicates included (so the provider stops retrying); 400/401/404 problems for refused ones.
 */
@RestController
@Tag(name = "Payments")
class WebhookController {

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Operation(summary = "A payment provider's event (no token: the Payment-Signature header authenticates it)")
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "Verified; outcome settled, already-settled, duplicate, "
            + "ignored or unknown-transaction")
    @ApiResponse(responseCode = "400", description = "webhook-signature-missing, webhook-signature-malformed, "
            + "webhook-malformed")
    @ApiResponse(responseCode = "401", description = "webhook-signature-invalid, "
            + "webhook-timestamp-outside-tolerance")
    @ApiResponse(responseCode = "404", description = "unknown-provider, webhooks-not-configured")
    @PostMapping("/api/v1/payments/webhooks/{provider}")
    Mono<Webhooks.WebhookReceipt> receive(@PathVariable String provider,
            @Parameter(description = "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">")
            @RequestHeader(name = WebhookSignature.HEADER, required = false) String signature,
            @RequestBody(required = false) byte[] body) {
        return webhooks.receive(provider, signature, body == null ? new byte[0] : body);
    }
}
