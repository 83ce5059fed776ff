package com.fruitfulplanet.gateway.ratelimit;

import com.fruitfulplanet.gateway.security.EdgeTokens;
import com.fruitfulplanet.gateway.security.ManagementPort;
import com.fruitfulplanet.platform.problem.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Charges every public request to a budget and refuses it with a 429 problem when the budget is spent. It runs
 * before the request-size guard and the security chain, so every answer is counted and carries
 * {@code X-RateLimit-Limit} and {@code X-RateLimit-Remaining}: 401s, 403s, 404s, 413s and 503s too. The budget is the
 * user's when the request carries a valid access token (verified here once, through {@link EdgeTokens}, and not
 * again by the security chain) and the client address's otherwise, bad tokens included: a made-up token must not
 * earn anyone a fresh budget, nor spend a real user's.
 */
public final class RateLimitWebFilter implements WebFilter, Ordered {

    public static final String LIMIT_HEADER = "X-RateLimit-Limit";
    public static final String REMAINING_HEADER = "X-RateLimit-Remaining";

    /** After request ids (a 429 carries one) and security headers; before the request-size guard (+10). */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

    private final RateLimitRules rules;
    private final ClientAddress clientAddress;
    private final RateLimiter limiter;
    private final EdgeTokens tokens;
    private final ManagementPort managementPort;
    private final ProblemResponses problems;

    RateLimitWebFilter(RateLimitRules rules, ClientAddress clientAddress, RateLimiter limiter, EdgeTokens tokens,
            ManagementPort managementPort, ProblemResponses problems) {
        this.rules = rules;
        this.clientAddress = clientAddress;
        this.limiter = limiter;
        this.tokens = tokens;
        this.managementPort = managementPort;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (managementPort.received(exchange)) {
            return chain.filter(exchange);
        }
        RateLimitRules.Matched rule = rules.of(exchange.getRequest());
        return bucketOf(exchange, rule)
                .flatMap(limiter::acquire)
                .flatMap(decision -> {
                    // Set at commit time, so that whatever answers later (a service, an error handler) cannot drop them.
                    exchange.getResponse().beforeCommit(() -> {
                        HttpHeaders headers = exchange.getResponse().getHeaders();
                        headers.set(LIMIT_HEADER, Integer.toString(decision.limit()));
                        headers.set(REMAINING_HEADER, Long.toString(decision.remaining()));
                        return Mono.empty();
                    });
                    return decision.allowed() ? chain.filter(exchange) : tooManyRequests(exchange, rule, decision);
                });
    }

    private Mono<Bucket> bucketOf(ServerWebExchange exchange, RateLimitRules.Matched rule) {
        String address = "ip:" + clientAddress.of(exchange.getRequest());
        if (rule.per() == RateLimitProperties.Per.ADDRESS) {
            return Mono.just(new Bucket(rule.name(), address, rule.limit()));
        }
        return tokens.verifiedSubject(exchange)
                .map(subject -> "user:" + subject)
                .defaultIfEmpty(address)
                .map(key -> new Bucket(rule.name(), key, rule.limit()));
    }

    private Mono<Void> tooManyRequests(ServerWebExchange exchange, RateLimitRules.Matched rule,
            RateLimitDecision decision) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.TOO_MANY_REQUESTS,
                "At most %d requests per %s are accepted; retry in %d s.".formatted(rule.limit().requests(),
                        describe(rule.limit().period()), decision.retryAfterSeconds()));
        return problems.write(exchange, problem);
    }

    private static String describe(java.time.Duration period) {
        return period.toSeconds() % 60 == 0 ? period.toMinutes() + " min" : period.toSeconds() + " s";
    }
}
