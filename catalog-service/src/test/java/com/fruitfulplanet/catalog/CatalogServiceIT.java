package com.fruitfulplanet.catalog;

import com.fruitfulplanet.platform.test.conformance.ServiceConformanceTests;
import java.util.List;

/** catalog-service against real PostgreSQL, Kafka and Redis: the platform's conformance checks. */
class CatalogServiceIT extends ServiceConformanceTests {

    @Override
    protected List<String> ownTables() {
        return List.of("sector", "brand", "product", "warehouse", "stock_level", "price_type", "product_price",
                "stock_reservation", "stock_reservation_line",
                "outbox_event", "outbox_lane", "inbox_event");
    }
}
