package com.fruitfulplanet.platform.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fruitfulplanet.contracts.platform.PlatformService;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

/** The failure paths, which must be clear and must not start any infrastructure. */
class RealInfrastructureInitializerTest {

    @Test
    void findsTheServiceByApplicationName() {
        assertThat(RealInfrastructureInitializer.service("catalog-service")).isEqualTo(PlatformService.CATALOG);
    }

    @Test
    void anUnknownApplicationNameIsAClearError() {
        GenericApplicationContext context = new GenericApplicationContext();
        context.setEnvironment(new MockEnvironment().withProperty("spring.application.name", "basket-service"));

        assertThatThrownBy(() -> new RealInfrastructureInitializer().initialize(context))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("spring.application.name=basket-service is not a platform service; known: [")
                .hasMessageContaining("catalog-service");
    }

    @Test
    void aMissingApplicationNameIsAClearError() {
        GenericApplicationContext context = new GenericApplicationContext();
        context.setEnvironment(new MockEnvironment());

        assertThatThrownBy(() -> new RealInfrastructureInitializer().initialize(context))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spring.application.name is not set");
    }
}
