package com.fruitfulplanet.payment.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.contracts.money.Money;
import com.fruitfulplanet.payment.config.PaymentProperties;
import com.fruitfulplanet.payment.ledger.TransactionType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import reactor.core.publisher.Mono;

/** How providers are called: timeouts and failures become PENDING, and a failing provider stops being called. */
class PaymentProvidersTest {

    /** A provider that is down: every call fails, after counting itself. */
    private static class DownProvider implements PaymentProvider {

        final AtomicInteger calls = new AtomicInteger();
        volatile boolean up;

        @Override
        public String name() {
            return "flaky";
        }

        private Mono<ProviderResult> answer() {
            calls.incrementAndGet();
            return up ? Mono.just(ProviderResult.succeeded("ref-1"))
                    : Mono.error(new IllegalStateException("connection refused"));
        }

        @Override
        public Mono<ProviderResult> authorize(String key, Money amount, String cardToken) {
            return answer();
        }

        @Override
        public Mono<ProviderResult> capture(String key, String authorizationReference, Money amount) {
            return answer();
        }

        @Override
        public Mono<ProviderResult> voidAuthorization(String key, String authorizationReference) {
            return answer();
        }

        @Override
        public Mono<ProviderResult> refund(String key, String captureReference, Money amount) {
            return answer();
        }

        @Override
        public Mono<ProviderResult> lookup(String key) {
            return answer();
        }
    }

    private static PaymentProviders providers(PaymentProvider provider, Duration openFor) {
        PaymentProperties properties = new PaymentProperties("flaky", Duration.ofMillis(200),
                new PaymentProperties.Reconciliation(Duration.ofSeconds(30), Duration.ofSeconds(10), 100,
                        Duration.ofSeconds(10)),
                new PaymentProperties.Webhooks(Duration.ofMinutes(5), Duration.ofDays(30)),
                new PaymentProperties.CircuitBreaker(20, 10, 50, openFor), Map.of());
        return new PaymentProviders(List.of(provider), properties,
                new DefaultListableBeanFactory().getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class));
    }

    private static ProviderResult authorize(PaymentProviders providers) {
        return providers.call("flaky", TransactionType.AUTHORIZE, "order:1:authorize",
                provider -> provider.authorize("order:1:authorize", Money.of("1.00", "RUB"), "tok")).block();
    }

    @Test
    void aProviderThatKeepsFailingIsNoLongerCalledUntilItsBreakerHalfOpens() throws InterruptedException {
        DownProvider down = new DownProvider();
        PaymentProviders providers = providers(down, Duration.ofMillis(300));

        for (int i = 0; i < 30; i++) {
            assertThat(authorize(providers).outcome()).isEqualTo(ProviderResult.Outcome.PENDING);
        }

        assertThat(down.calls).as("calls stop once 10 of 10 failed").hasValue(10);
        assertThat(providers.circuitState("flaky")).isEqualTo("OPEN");

        down.up = true;
        Thread.sleep(400);
        assertThat(authorize(providers).outcome()).isEqualTo(ProviderResult.Outcome.SUCCEEDED);
        assertThat(down.calls).hasValue(11);
    }

    @Test
    void aTimeoutIsPendingNotAnError() {
        PaymentProvider silent = new DownProvider() {
            @Override
            public Mono<ProviderResult> authorize(String key, Money amount, String cardToken) {
                return Mono.never();
            }
        };
        assertThat(authorize(providers(silent, Duration.ofSeconds(30))).outcome())
                .isEqualTo(ProviderResult.Outcome.PENDING);
    }

}
