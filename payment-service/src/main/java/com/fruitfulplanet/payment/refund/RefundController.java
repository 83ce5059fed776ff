package com.fruitfulplanet.payment.refund;

import com.fruitfulplanet.payment.ledger.TransactionStatus;
import com.fruitfulplanet.payment.ledger.TransactionView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.fruitfulplanet.platform.idempotency.IdempotentRequests;
import com.fruitfulplanet.platform.security.Caller;
import jakarta.validation.Valid;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * API.md "Payments": {@code POST /api/v1/payments/{id}/refunds} (MANAGER, ADMIN; PaymentSecurityConfiguration) with
 * a required {@code Idempotency-Key} ({@link IdempotentRequests}: the same key and body replay the first answer, another
 * body is 422, a retry while the first still runs 409). Answers 201 with the refund transaction once the provider
 * answered (its {@code status} says whether it SUCCEEDED or FAILED), 202 when it has not answered in time
 * (reconciliation settles it; the payment shows the outcome).
 */
@RestController
@Tag(name = "Payments")
class RefundController {

    static final String SCOPE = "payments.refund";

    private final Refunds refunds;
    private final IdempotentRequests idempotentRequests;

    RefundController(Refunds refunds, IdempotentRequests idempotentRequests) {
        this.refunds = refunds;
        this.idempotentRequests = idempotentRequests;
    }

    @Operation(summary = "Refund a captured payment, wholly (no amount) or in part (MANAGER, ADMIN)")
    @ApiResponse(responseCode = "201", description = "The refund transaction, settled (SUCCEEDED or FAILED)",
            content = @Content(schema = @Schema(implementation = TransactionView.class)))
    @ApiResponse(responseCode = "202", description = "The refund transaction, still PENDING: the provider has not "
            + "answered in time; reconciliation settles it", content = @Content(schema = @Schema(
                    implementation = TransactionView.class)))
    @ApiResponse(responseCode = "409", description = "payment-not-captured; idempotency-request-in-progress",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "422", description = "refund-exceeds-captured (with refundable: Money); "
            + "idempotency-key-reused", content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/api/v1/payments/{id}/refunds")
    Mono<ResponseEntity<Object>> refund(@PathVariable UUID id, @Valid @RequestBody RefundRequest request,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
            @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        Mono<ResponseEntity<?>> work = Mono.defer(() -> refunds.refund(id, request.amount(), request.reason(),
                        refundId(caller.id(), idempotencyKey)))
                .map(refund -> ResponseEntity
                        .status(refund.status() == TransactionStatus.PENDING ? HttpStatus.ACCEPTED : HttpStatus.CREATED)
                        .location(URI.create("/api/v1/payments/" + id))
                        .body(refund));
        return idempotentRequests.execute(SCOPE, caller.id(), idempotencyKey, new Fingerprint(id, request), work);
    }

    /**
     * The refund a caller's key names: the same caller and key always name the same refund (its provider key), so
     * even a retry whose stored answer was lost cannot refund twice.
     */
    static UUID refundId(UUID callerId, String idempotencyKey) {
        return UUID.nameUUIDFromBytes((callerId + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
    }

    /** What "the same request" means for the key: the payment and the body. */
    record Fingerprint(UUID paymentId, RefundRequest body) {
    }
}
