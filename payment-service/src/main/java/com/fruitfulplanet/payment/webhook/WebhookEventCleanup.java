package com.fruitfulplanet.payment.webhook;

import com.fruitfulplanet.payment.config.PaymentProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Forgets webhook event ids after {@code webhooks.retention} (providers stop retrying long before), hourly. An event
 * delivered again after that would be verified and applied again, which finds its transaction settled already.
 */
@Component
class WebhookEventCleanup implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookEventCleanup.class);
    private static final Duration INTERVAL = Duration.ofHours(1);

    private final DatabaseClient db;
    private final Duration retention;
    private volatile Scheduler scheduler;
    private volatile Disposable cleaning;

    WebhookEventCleanup(DatabaseClient db, PaymentProperties properties) {
        this.db = db;
        this.retention = properties.webhooks().retention();
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        scheduler = Schedulers.newSingle("webhook-event-cleanup", true);
        cleaning = Flux.interval(Duration.ofMinutes(1), INTERVAL, scheduler)
                .onBackpressureDrop()
                .concatMap(tick -> deleteExpired().onErrorResume(failure -> {
                    log.warn("Deleting old webhook events failed, will try again: {}", failure.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    @Override
    public synchronized void stop() {
        if (cleaning != null) {
            cleaning.dispose();
        }
        if (scheduler != null) {
            scheduler.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return cleaning != null && !cleaning.isDisposed();
    }

    Mono<Long> deleteExpired() {
        return db.sql("DELETE FROM webhook_event WHERE received_at < now() - make_interval(secs => :seconds)")
                .bind("seconds", (double) retention.toSeconds())
                .fetch().rowsUpdated();
    }
}
