package com.fruitfulplanet.order;

import com.fruitfulplanet.platform.test.PlatformIntegrationTest;
import com.fruitfulplanet.platform.test.security.TestTokens;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of order-service's integration tests: the whole service against real PostgreSQL, Kafka and Redis, with
 * {@link TestTokens} playing auth-service. Subclasses share one application context, so tests must not assume empty
 * tables: every test works with its own users, products and orders.
 */
@PlatformIntegrationTest
@AutoConfigureWebTestClient
@TestPropertySource(properties = {
        // Overdue orders are found within a fifth of a second (tests move deadlines into the past).
        "fruitfulplanet.order.saga.sweep-interval=200ms"})
public abstract class OrderIntegrationTest {

    protected static final TestTokens TOKENS = new TestTokens();

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry registry) {
        registry.add("fruitfulplanet.security.jwt.jwk-set-uri", TOKENS::jwkSetUri);
    }

    @Autowired
    protected WebTestClient client;

    @Autowired
    protected DatabaseClient db;

    /** A signed-in customer: {@link #token()} is theirs. */
    protected record Shopper(UUID id, String token) {
    }

    protected static Shopper newShopper() {
        UUID id = UUID.randomUUID();
        return new Shopper(id, TOKENS.sign(TestTokens.claims(id.toString()).build()));
    }

    protected static String managerToken() {
        return TOKENS.withRoles("MANAGER");
    }

    protected static String adminToken() {
        return TOKENS.withRoles("ADMIN");
    }
}
