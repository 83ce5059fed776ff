package com.fruitfulplanet.auth;

import com.fruitfulplanet.platform.test.conformance.ServiceConformanceTests;
import java.util.List;

/** auth-service against real PostgreSQL, Kafka and Redis: the platform's conformance checks. */
class AuthServiceIT extends ServiceConformanceTests {

    @Override
    protected List<String> ownTables() {
        return List.of("user_account", "refresh_token", "signing_key", "api_key", "audit_entry", "outbox_event",
                "outbox_lane");
    }
}
