package com.fruitfulplanet.payment.ledger;

import com.fruitfulplanet.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * API.md "Payments": an order's payment ({@code GET /api/v1/payments?orderId=}, a list of at most one) and a payment
 * by id, for its owner and for MANAGER/ADMIN.
 */
@RestController
@RequestMapping("/api/v1/payments")
@Tag(name = "Payments")
class PaymentController {

    private final PaymentQueries queries;

    PaymentController(PaymentQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "An order's payment (a list of at most one; empty for someone else's order)")
    @GetMapping
    Mono<List<PaymentView>> byOrder(@RequestParam UUID orderId, @AuthenticationPrincipal Jwt caller) {
        return queries.byOrder(orderId, Caller.of(caller));
    }

    @Operation(summary = "A payment with its transactions (owner, MANAGER, ADMIN)")
    @GetMapping("/{id}")
    Mono<PaymentView> byId(@PathVariable UUID id, @AuthenticationPrincipal Jwt caller) {
        return queries.byId(id, Caller.of(caller));
    }
}
