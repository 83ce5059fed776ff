package com.fruitfulplanet.payment.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class PaymentPropertiesTest {

    @Test
    void defaultsAndNoWebhookSecretUnlessConfigured() {
        PaymentProperties properties = bind(Map.of());
        assertThat(properties.defaultProvider()).isEqualTo("sandbox");
        assertThat(properties.providerTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.reconciliation().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.webhooks().tolerance()).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.webhookSecret("sandbox")).isEmpty();
    }

    @Test
    void theWebhookSecretComesFromTheEnvironment() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("FRUITFULPLANET_PAYMENT_PROVIDERS_SANDBOX_WEBHOOKSECRET", "whsec_from_env")));
        PaymentProperties properties = Binder.get(environment)
                .bindOrCreate("fruitfulplanet.payment", PaymentProperties.class);
        assertThat(properties.webhookSecret("sandbox")).contains("whsec_from_env");
        assertThat(properties.providers().get("sandbox").toString()).doesNotContain("whsec_from_env");
    }

    @Test
    void theGraceMustOutlastTheProviderTimeout() {
        assertThatThrownBy(() -> bind(Map.of("fruitfulplanet.payment.provider-timeout", "10s",
                "fruitfulplanet.payment.reconciliation.grace", "10s")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("must be longer than");
    }

    private static PaymentProperties bind(Map<String, Object> values) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", values));
        return new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("fruitfulplanet.payment", PaymentProperties.class);
    }
}
