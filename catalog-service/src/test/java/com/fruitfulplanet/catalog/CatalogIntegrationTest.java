package com.fruitfulplanet.catalog;

import com.fruitfulplanet.platform.test.PlatformIntegrationTest;
import com.fruitfulplanet.platform.test.security.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of catalog-service's integration tests: the whole service against real PostgreSQL, Kafka and Redis, with
 * {@link TestTokens} playing auth-service. Every subclass shares one application context (same configuration), so
 * tests must not assume an empty catalog: create what you need with {@link #fixtures} and use unique SKUs/slugs.
 */
@PlatformIntegrationTest
@AutoConfigureWebTestClient
public abstract class CatalogIntegrationTest {

    protected static final TestTokens TOKENS = new TestTokens();

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry registry) {
        registry.add("fruitfulplanet.security.jwt.jwk-set-uri", TOKENS::jwkSetUri);
    }

    @Autowired
    protected WebTestClient client;

    @Autowired
    protected DatabaseClient db;

    protected CatalogFixtures fixtures() {
        return new CatalogFixtures(db);
    }

    protected static String managerToken() {
        return TOKENS.withRoles("MANAGER");
    }

    protected static String adminToken() {
        return TOKENS.withRoles("ADMIN");
    }

    protected static String customerToken() {
        return TOKENS.withRoles("CUSTOMER");
    }

    protected static String partnerToken() {
        return TOKENS.withRoles("PARTNER");
    }
}
