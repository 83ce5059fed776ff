package com.fruitfulplanet.gateway.ratelimit;

import com.fruitfulplanet.platform.test.security.TestTokens;
import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.gateway.StubBackend;
import com.fruitfulplanet.gateway.TestBackends;
import com.fruitfulplanet.gateway.TestPorts;
import com.fruitfulplanet.platform.test.PlatformIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Redis is down: nothing listens on its port, so every connection attempt is refused. */
@PlatformIntegrationTest
@AutoConfigureWebTestClient
class RedisRefusingIT extends RedisUnavailableContract {

    static final Map<PlatformService, StubBackend> BACKENDS = TestBackends.start();
    static final TestTokens TOKENS = new TestTokens();

    @DynamicPropertySource
    static void redisDown(DynamicPropertyRegistry registry) {
        properties(registry, BACKENDS, TOKENS, TestPorts.closed());
    }

    @AfterAll
    static void stop() {
        BACKENDS.values().forEach(StubBackend::stop);
        TOKENS.stop();
    }

    @Override
    TestTokens tokens() {
        return TOKENS;
    }
}
