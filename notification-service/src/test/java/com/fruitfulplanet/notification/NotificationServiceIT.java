package com.fruitfulplanet.notification;

import com.fruitfulplanet.platform.test.conformance.ServiceConformanceTests;
import java.util.List;

/** notification-service against real PostgreSQL, Kafka and Redis: the platform's conformance checks. */
class NotificationServiceIT extends ServiceConformanceTests {

    @Override
    protected List<String> ownTables() {
        return List.of("notification", "inbox_event");
    }
}
