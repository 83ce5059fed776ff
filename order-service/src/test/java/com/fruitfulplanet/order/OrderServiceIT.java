package com.fruitfulplanet.order;

import com.fruitfulplanet.platform.test.conformance.ServiceConformanceTests;
import java.util.List;

/** order-service against real PostgreSQL, Kafka and Redis: the platform's conformance checks. */
class OrderServiceIT extends ServiceConformanceTests {

    @Override
    protected List<String> ownTables() {
        return List.of("customer_order", "order_line", "order_status_history", "catalog_product", "idempotent_request",
                "outbox_event", "outbox_lane", "inbox_event");
    }
}
