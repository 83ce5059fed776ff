package com.fruitfulplanet.payment;

import com.fruitfulplanet.platform.test.conformance.ServiceConformanceTests;
import java.util.List;

/** payment-service against real PostgreSQL, Kafka and Redis: the platform's conformance checks. */
class PaymentServiceIT extends ServiceConformanceTests {

    @Override
    protected List<String> ownTables() {
        return List.of("payment", "payment_transaction", "outbox_event", "outbox_lane", "inbox_event",
                "voided_order", "sandbox_charge", "webhook_event", "idempotent_request");
    }
}
