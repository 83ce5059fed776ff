package com.fruitfulplanet.sync1c;

import com.fruitfulplanet.platform.test.conformance.ServiceConformanceTests;
import java.util.List;

/** sync-1c-service against real PostgreSQL, Kafka and Redis: the platform's conformance checks. */
class Sync1cServiceIT extends ServiceConformanceTests {

    @Override
    protected List<String> ownTables() {
        return List.of("exchange_session", "exchange_file", "external_id_mapping",
                "outbox_event", "outbox_lane", "inbox_event");
    }
}
