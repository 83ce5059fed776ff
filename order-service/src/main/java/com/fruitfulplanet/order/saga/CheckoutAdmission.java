package com.fruitfulplanet.order.saga;

import com.fruitfulplanet.platform.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/**
 * Refuses new orders while the saga is too far behind: when more than {@code max-in-flight} orders wait for stock
 * or payment, a new one would most likely wait out its deadline and be cancelled (TIMEOUT) half a minute after the
 * customer was told it was placed. A 429 with {@code Retry-After} now is the honest answer (measured: at twice the
 * capacity of a 2-core machine, 2 492 of 3 000 accepted orders ended so; docs/benchmarks.md). The count is the
 * deadline sweep's, at most {@code sweep-interval} old.
 */
@Component
public class CheckoutAdmission {

    static final String RETRY_AFTER_SECONDS = "5";

    private final SagaDeadlines deadlines;
    private final SagaProperties properties;

    CheckoutAdmission(SagaDeadlines deadlines, SagaProperties properties) {
        this.deadlines = deadlines;
        this.properties = properties;
    }

    /** Empty if a new order may start its saga now; else a 429 problem. */
    public Mono<Void> admit() {
        long waiting = deadlines.inFlight();
        if (waiting < properties.maxInFlight()) {
            return Mono.empty();
        }
        ErrorResponseException busy = Problems.problem(HttpStatus.TOO_MANY_REQUESTS, "checkout-busy",
                "Checkout is busy", "Too many orders are being processed right now (" + waiting + "); retry in "
                        + RETRY_AFTER_SECONDS + " seconds. Nothing was ordered.");
        busy.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return Mono.error(busy);
    }
}
