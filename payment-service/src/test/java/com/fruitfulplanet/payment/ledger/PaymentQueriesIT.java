package com.fruitfulplanet.payment.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.payment.PaymentIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** {@code GET /api/v1/payments?orderId=} and {@code GET /api/v1/payments/{id}}: the owner and staff only. */
class PaymentQueriesIT extends PaymentIntegrationTest {

    @Test
    void theOwnerSeesTheirPaymentWithItsTransactions() {
        UUID customer = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        UUID payment = captured(order, customer, "199.90");

        client.get().uri("/api/v1/payments?orderId={order}", order)
                .headers(h -> h.setBearerAuth(customerToken(customer)))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].id").isEqualTo(payment.toString())
                .jsonPath("$[0].orderId").isEqualTo(order.toString())
                .jsonPath("$[0].status").isEqualTo("CAPTURED")
                .jsonPath("$[0].amount.amount").isEqualTo("199.90")
                .jsonPath("$[0].amount.currency").isEqualTo("RUB")
                .jsonPath("$[0].provider").isEqualTo("sandbox")
                .jsonPath("$[0].cardToken").doesNotExist()
                .jsonPath("$[0].transactions.length()").isEqualTo(2)
                .jsonPath("$[0].transactions[0].type").isEqualTo("AUTHORIZE")
                .jsonPath("$[0].transactions[0].status").isEqualTo("SUCCEEDED")
                .jsonPath("$[0].transactions[0].amount.amount").isEqualTo("199.90")
                .jsonPath("$[0].transactions[0].providerReference").value(ref ->
                        assertThat(ref.toString()).startsWith("sbx_authorize_"))
                .jsonPath("$[0].transactions[0].at").value(at ->
                        assertThat(at.toString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z"))
                .jsonPath("$[0].transactions[1].type").isEqualTo("CAPTURE");

        client.get().uri("/api/v1/payments/{id}", payment)
                .headers(h -> h.setBearerAuth(customerToken(customer)))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(payment.toString());
    }

    @Test
    void anotherCustomerSeesNothingAndStaffSeeEverything() {
        UUID order = UUID.randomUUID();
        UUID payment = authorized(order, UUID.randomUUID(), "10.00");
        String stranger = customerToken(UUID.randomUUID());

        client.get().uri("/api/v1/payments?orderId={order}", order).headers(h -> h.setBearerAuth(stranger))
                .exchange().expectStatus().isOk().expectBody().json("[]");
        client.get().uri("/api/v1/payments/{id}", payment).headers(h -> h.setBearerAuth(stranger))
                .exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        for (String staff : new String[] {managerToken(), adminToken()}) {
            client.get().uri("/api/v1/payments?orderId={order}", order).headers(h -> h.setBearerAuth(staff))
                    .exchange().expectStatus().isOk().expectBody().jsonPath("$[0].id").isEqualTo(payment.toString());
            client.get().uri("/api/v1/payments/{id}", payment).headers(h -> h.setBearerAuth(staff))
                    .exchange().expectStatus().isOk();
        }
    }

    @Test
    void readingNeedsATokenAndSaneParameters() {
        client.get().uri("/api/v1/payments?orderId={order}", UUID.randomUUID()).exchange()
                .expectStatus().isUnauthorized();
        String token = customerToken(UUID.randomUUID());
        client.get().uri("/api/v1/payments").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri("/api/v1/payments?orderId=not-a-uuid").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isBadRequest();
        client.get().uri("/api/v1/payments/{id}", UUID.randomUUID()).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNotFound();
    }
}
