package com.fruitfulplanet.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.auth.config.AuthProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Argon2id with OWASP parameters, run on a bounded pool that refuses rather than queues without end. */
class PasswordHashingTest {

    @Test
    void hashesWithArgon2idAndTheOwaspParameters() {
        PasswordHashing hashing = hashing(2, 8);
        String hash = hashing.hash("correct horse battery staple").block();

        assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hashing.matches("correct horse battery staple", hash).block()).isTrue();
        assertThat(hashing.matches("correct horse battery stapler", hash).block()).isFalse();
        assertThat(hashing.matchesNothing("correct horse battery staple").block()).isFalse();
        assertThat(hashing.needsRehash(hash)).isFalse();
    }

    @Test
    void importedBcryptHashesVerifyAndAreMarkedForUpgrade() {
        PasswordHashing hashing = hashing(1, 8);
        String bcrypt = "{bcrypt}" + new BCryptPasswordEncoder(12).encode("correct horse battery staple");

        assertThat(hashing.matches("correct horse battery staple", bcrypt).block()).isTrue();
        assertThat(hashing.needsRehash(bcrypt)).isTrue();
    }

    @Test
    void hashingNeverRunsOnTheCallersThread() {
        PasswordHashing hashing = hashing(1, 8);
        AtomicReference<String> thread = new AtomicReference<>();
        hashing.hash("correct horse battery staple").doOnNext(h -> thread.set(Thread.currentThread().getName()))
                .block();
        assertThat(thread.get()).startsWith("password-hashing");
    }

    @Test
    void aFloodBeyondTheQueueIsRefusedAtOnceAsBusy() {
        PasswordHashing hashing = hashing(1, 2);
        List<Object> outcomes = Flux.range(0, 12)
                .flatMap(i -> hashing.hash("correct horse battery staple " + i).<Object>map(h -> "hashed")
                        .onErrorResume(ErrorResponseException.class,
                                busy -> Mono.just(busy.getStatusCode().value())), 12)
                .collectList().block(Duration.ofSeconds(30));

        assertThat(outcomes).contains("hashed", 503);
        assertThat(outcomes.stream().filter("hashed"::equals).count()).isLessThanOrEqualTo(3);
    }

    private static PasswordHashing hashing(int threads, int queue) {
        AuthProperties properties = new AuthProperties(
                new AuthProperties.Tokens(Duration.ofMinutes(15), Duration.ofDays(7), null, null, Duration.ofHours(1),
                        Duration.ofSeconds(30)),
                new AuthProperties.Passwords(19456, 2, threads, queue),
                new AuthProperties.LoginThrottle(5, Duration.ofSeconds(60), Duration.ofHours(1), 100,
                        Duration.ofMinutes(15), Duration.ofMillis(200)),
                new AuthProperties.BootstrapAdmin(null, null, "Administrator"));
        return new PasswordHashing(properties, new SimpleMeterRegistry());
    }
}
