package com.fruitfulplanet.order.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fruitfulplanet.order.saga.SagaDeadlines;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/** Past {@code max-in-flight} orders waiting in the saga, new orders are refused with 429 — and nothing is placed. */
@TestPropertySource(properties = "fruitfulplanet.order.saga.max-in-flight=3")
class CheckoutAdmissionIT extends CheckoutIntegrationTest {

    @Autowired
    SagaDeadlines deadlines;

    @Test
    void aBusySagaRefusesNewOrdersButStillReplaysPlacedOnes() {
        // Orders other test classes left waiting (their answers never come) would count: they are done here.
        db.sql("UPDATE customer_order SET saga_step = 'DONE', step_deadline = NULL WHERE saga_step <> 'DONE'")
                .then().block();
        await().atMost(PATIENCE).until(() -> deadlines.inFlight() == 0);
        Shopper shopper = newShopper();
        UUID product = catalog().product("10.00");
        Map<String, Object> first = orderOf(product, 1, "tok_visa");
        for (int i = 0; i < 3; i++) {
            place(shopper, "admitted-" + i, i == 0 ? first : orderOf(product, i + 1, "tok_visa"))
                    .expectStatus().isCreated();
        }
        await().atMost(PATIENCE).until(() -> deadlines.inFlight() == 3);

        place(shopper, "refused", orderOf(product, 9, "tok_visa"))
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().valueEquals("Retry-After", "5")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:checkout-busy");
        place(shopper, "admitted-0", first)
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true");

        long placed = db.sql("SELECT count(*) AS n FROM customer_order WHERE user_id = :user")
                .bind("user", shopper.id()).map(row -> row.get("n", Long.class)).one().block();
        assertThat(placed).isEqualTo(3);

        // Once the saga catches up, orders are taken again (the refused key was given up, so it may be retried).
        db.sql("UPDATE customer_order SET saga_step = 'DONE', step_deadline = NULL WHERE user_id = :user")
                .bind("user", shopper.id()).then().block();
        await().atMost(PATIENCE).pollDelay(Duration.ofMillis(100)).until(() -> deadlines.inFlight() == 0);
        place(shopper, "refused", orderOf(product, 9, "tok_visa")).expectStatus().isCreated();
    }
}
