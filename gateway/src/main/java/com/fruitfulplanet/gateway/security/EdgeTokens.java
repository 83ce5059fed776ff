package com.fruitfulplanet.gateway.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The access token of a request, verified once per request. Two parts of the edge need it: the rate limiter, which
 * runs first so that every answer (401s included) is counted and carries the rate-limit headers, and which charges
 * a request to its user only when the token is valid; and the security chain, which answers 401 for a bad token.
 * Both go through {@link #decoder()}, which keeps the outcome of the first verification on the exchange, so the
 * signature is checked once, and both see the same answer.
 */
public final class EdgeTokens {

    private static final String VERIFIED = EdgeTokens.class.getName() + ".verified";

    /** A token and the (cached) outcome of its verification. */
    private record Verification(String token, Mono<Jwt> outcome) {
    }

    private final ServerAuthenticationConverter bearerTokens;
    private final ReactiveJwtDecoder decoder;

    public EdgeTokens(ServerAuthenticationConverter bearerTokens, ReactiveJwtDecoder platformDecoder) {
        this.bearerTokens = bearerTokens;
        this.decoder = token -> Mono.deferContextual(context -> context.<ServerWebExchange>getOrEmpty(
                        ServerWebExchange.class)
                .map(exchange -> verifyOnce(exchange, token, platformDecoder))
                .orElseGet(() -> Mono.defer(() -> platformDecoder.decode(token))));
    }

    /** Where the request's token is. */
    public ServerAuthenticationConverter bearerTokens() {
        return bearerTokens;
    }

    /**
     * The platform's decoder, verifying a given token at most once per exchange. It finds the exchange in the
     * Reactor context, where Spring Security's chain (and {@link #verifiedSubject}) put it.
     */
    public ReactiveJwtDecoder decoder() {
        return decoder;
    }

    /** The {@code sub} of the request's token if it carries a valid one; empty without a token or with a bad one. */
    public Mono<String> verifiedSubject(ServerWebExchange exchange) {
        return bearerTokens.convert(exchange)
                .cast(BearerTokenAuthenticationToken.class)
                .flatMap(authentication -> decoder.decode(authentication.getToken()))
                .mapNotNull(Jwt::getSubject)
                .contextWrite(context -> context.put(ServerWebExchange.class, exchange))
                // The security chain answers a bad token with 401; here it only means "not a known user".
                .onErrorResume(failure -> Mono.empty());
    }

    private static Mono<Jwt> verifyOnce(ServerWebExchange exchange, String token, ReactiveJwtDecoder platformDecoder) {
        Verification verification = (Verification) exchange.getAttributes().compute(VERIFIED,
                (key, existing) -> existing instanceof Verification earlier && earlier.token().equals(token)
                        ? earlier : new Verification(token,
                        Mono.defer(() -> platformDecoder.decode(token)).cache()));
        return verification.outcome();
    }
}
