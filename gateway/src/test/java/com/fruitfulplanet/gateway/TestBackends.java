package com.fruitfulplanet.gateway;

import com.fruitfulplanet.platform.test.security.TestTokens;
import com.fruitfulplanet.contracts.platform.PlatformService;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A stub for every backend, and the properties that point a gateway under test at them and at a test JWKS. */
public final class TestBackends {

    private TestBackends() {
    }

    public static Map<PlatformService, StubBackend> start() {
        return Arrays.stream(PlatformService.backends())
                .collect(Collectors.toMap(Function.identity(), StubBackend::new));
    }

    /**
     * Routes every service to its stub except those in {@code down}, which point at a closed port. Rate limits are
     * set far above what a test sends: every test context shares one Redis and (without proxies) one client
     * address, 127.0.0.1. The tests of the limits themselves set their own.
     */
    public static void register(DynamicPropertyRegistry registry, Map<PlatformService, StubBackend> backends,
            TestTokens tokens, Set<PlatformService> down) {
        backends.forEach((service, stub) -> {
            String prefix = "fruitfulplanet.gateway.backends." + service.applicationName();
            registry.add(prefix + ".uri", () -> down.contains(service)
                    ? "http://127.0.0.1:" + TestPorts.closed() : stub.apiUri());
            registry.add(prefix + ".management-uri", stub::managementUri);
        });
        registry.add("fruitfulplanet.security.jwt.jwk-set-uri", tokens::jwkSetUri);
        registry.add("fruitfulplanet.gateway.rate-limit.default-limit.requests", () -> 1_000_000);
        authRule(registry, 1_000_000);
    }

    /**
     * The stricter rule for the auth entry points, as application.yml has it but with the given limit. A list is
     * taken whole from the property source that has it, so the whole rule is restated.
     */
    public static void authRule(DynamicPropertyRegistry registry, int requests) {
        String rule = "fruitfulplanet.gateway.rate-limit.rules[0].";
        registry.add(rule + "name", () -> "auth");
        registry.add(rule + "methods", () -> "POST");
        registry.add(rule + "paths", () -> "/api/v1/auth/login,/api/v1/auth/register,/api/v1/auth/refresh,"
                + "/api/v1/auth/partner-token");
        registry.add(rule + "limit.requests", () -> requests);
        registry.add(rule + "limit.period", () -> "1m");
        registry.add(rule + "per", () -> "address");
    }
}
