package com.fruitfulplanet.order.cart;

import com.fruitfulplanet.platform.security.Caller;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * API.md "Cart and orders": the signed-in user's own cart (OrderSecurityConfiguration requires a token). There is no
 * way to name another user's cart: the user is always the token's subject.
 */
@RestController
@RequestMapping("/api/v1/cart")
class CartController {

    private final Carts carts;

    CartController(Carts carts) {
        this.carts = carts;
    }

    @GetMapping
    Mono<CartView> get(@AuthenticationPrincipal Jwt token) {
        return carts.view(Caller.of(token).id());
    }

    @PutMapping("/items/{productId}")
    Mono<CartView> setQuantity(@AuthenticationPrincipal Jwt token, @PathVariable UUID productId,
            @Valid @RequestBody CartItemRequest request) {
        return carts.set(Caller.of(token).id(), productId, request.quantity().intValueExact());
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> clear(@AuthenticationPrincipal Jwt token) {
        return carts.clear(Caller.of(token).id());
    }
}
