package com.fruitfulplanet.auth.token;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Deletes refresh tokens a day after they expired (kept that long so reuse of a just-expired one is still seen). */
@Component
class RefreshTokenCleanup implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokenCleanup.class);

    private final RefreshTokens tokens;
    private volatile Disposable running;

    RefreshTokenCleanup(RefreshTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void start() {
        running = Flux.interval(Duration.ofMinutes(1), Duration.ofHours(1))
                .concatMap(tick -> tokens.deleteExpired(Duration.ofDays(1))
                        .doOnNext(deleted -> log.debug("Deleted {} expired refresh tokens", deleted))
                        .onErrorResume(failure -> {
                            log.warn("Refresh-token clean-up failed: {}", failure.toString());
                            return Mono.empty();
                        }))
                .subscribe();
    }

    @Override
    public void stop() {
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
