package com.fruitfulplanet.auth.password;

import com.fruitfulplanet.auth.config.AuthProperties;
import com.fruitfulplanet.auth.web.AuthProblems;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Argon2id password hashing (OWASP parameters) off the event loop. A hash takes tens of milliseconds of CPU and
 * 19 MiB of memory on purpose, so it runs on a small pool of its own with a bounded queue: a login flood fills that
 * queue and gets 503 at once, while every other request of the service keeps its event-loop threads.
 *
 * <p>Stored hashes carry their scheme ({@code {argon2}...}); bcrypt hashes (cost 12) of imported accounts are still
 * verified, and any hash made with weaker settings is replaced at the next successful login.
 */
@Component
public class PasswordHashing implements DisposableBean {

    private final PasswordEncoder encoder;
    private final Scheduler pool;
    private final Timer hashTimer;
    /** Checked against when the email is unknown, so that answer takes as long as a wrong password. */
    private final String decoyHash;

    public PasswordHashing(AuthProperties properties, MeterRegistry meters) {
        AuthProperties.Passwords settings = properties.passwords();
        Argon2PasswordEncoder argon2 =
                new Argon2PasswordEncoder(16, 32, 1, settings.memoryKib(), settings.iterations());
        this.encoder = new DelegatingPasswordEncoder("argon2",
                Map.of("argon2", argon2, "bcrypt", new BCryptPasswordEncoder(12)));
        this.pool = Schedulers.newBoundedElastic(settings.hashingThreads(), settings.hashingQueue(),
                "password-hashing");
        this.hashTimer = Timer.builder("auth.password.hashing").description("Time to hash or verify a password")
                .publishPercentileHistogram().register(meters);
        this.decoyHash = encoder.encode("decoy password that matches nothing");
    }

    public Mono<String> hash(String password) {
        return offTheEventLoop(() -> encoder.encode(password));
    }

    public Mono<Boolean> matches(String password, String storedHash) {
        return offTheEventLoop(() -> encoder.matches(password, storedHash));
    }

    /** Spends the same effort as {@link #matches} and always answers false. */
    public Mono<Boolean> matchesNothing(String password) {
        return offTheEventLoop(() -> encoder.matches(password, decoyHash) && false);
    }

    public boolean needsRehash(String storedHash) {
        return encoder.upgradeEncoding(storedHash);
    }

    private <T> Mono<T> offTheEventLoop(Callable<T> work) {
        return Mono.fromCallable(() -> hashTimer.recordCallable(work))
                .subscribeOn(pool)
                .onErrorMap(RejectedExecutionException.class, full -> AuthProblems.busy());
    }

    @Override
    public void destroy() {
        pool.dispose();
    }
}
