package com.fruitfulplanet.platform.web;

import com.fruitfulplanet.platform.problem.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a request whose declared {@code Content-Length} is over the limit before any of it is read. Bodies sent
 * without a length are bounded by the codecs' in-memory limit instead, which ends in the same 413 problem.
 */
public class RequestSizeLimitWebFilter implements WebFilter, Ordered {

    private final ProblemResponses problems;
    private final DataSize maxRequestSize;

    public RequestSizeLimitWebFilter(ProblemResponses problems, DataSize maxRequestSize) {
        this.problems = problems;
        this.maxRequestSize = maxRequestSize;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > maxRequestSize.toBytes()) {
            return problems.write(exchange, ProblemResponses.problem(HttpStatus.CONTENT_TOO_LARGE,
                    "The request body is %d bytes; at most %d are accepted.".formatted(declared,
                            maxRequestSize.toBytes())));
        }
        return chain.filter(exchange);
    }
}
