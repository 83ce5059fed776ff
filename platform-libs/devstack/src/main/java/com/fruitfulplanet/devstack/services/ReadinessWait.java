package com.fruitfulplanet.devstack.services;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.devstack.console.Console;
import com.fruitfulplanet.devstack.health.Health;
import com.fruitfulplanet.devstack.health.HealthProbe;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Waits until every service reports ready and then until the gateway reports the whole platform ready, printing a
 * line per service as it gets there and a "waiting for" line now and then. Gives up as soon as a service exits, at
 * the deadline, or when a stop is requested.
 */
public final class ReadinessWait {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    /** How the wait ended. */
    public sealed interface Outcome {

        record Ready() implements Outcome {
        }

        record StopRequested() implements Outcome {
        }

        record Exited(ServiceProcess service, int exitCode) implements Outcome {
        }

        /**
         * @param notReady the services whose own readiness was not there at the deadline (empty when they all were)
         * @param platform the gateway's last aggregated answer
         */
        record TimedOut(Map<ServiceProcess, Health> notReady, Health platform) implements Outcome {
        }
    }

    private final HealthProbe probe;
    private final Console console;

    public ReadinessWait(HealthProbe probe, Console console) {
        this.probe = probe;
        this.console = console;
    }

    public Outcome await(ServiceFleet fleet, Instant deadline, BooleanSupplier stopRequested) {
        Map<ServiceProcess, Health> waiting = new LinkedHashMap<>();
        fleet.processes().forEach(process -> waiting.put(process, Health.unreachable()));
        Health platform = Health.unreachable();
        Instant lastProgress = Instant.now();
        boolean announcedPlatformWait = false;
        while (true) {
            if (stopRequested.getAsBoolean()) {
                return new Outcome.StopRequested();
            }
            for (ServiceProcess process : fleet.processes()) {
                if (!process.process().isAlive()) {
                    return new Outcome.Exited(process, process.process().exitValue());
                }
            }
            Map<ServiceProcess, CompletableFuture<Health>> answers = new LinkedHashMap<>();
            waiting.keySet().forEach(process -> answers.put(process, probe.readiness(process.service())));
            for (Map.Entry<ServiceProcess, CompletableFuture<Health>> answer : answers.entrySet()) {
                ServiceProcess process = answer.getKey();
                Health health = answer.getValue().join();
                if (health.isReady()) {
                    waiting.remove(process);
                    console.line("  %-22s ready in %s", process.name(), Console.seconds(since(process.launchedAt())));
                } else {
                    waiting.put(process, health);
                }
            }
            if (waiting.isEmpty()) {
                platform = probe.platformReadiness().join();
                if (platform.isReady()) {
                    return new Outcome.Ready();
                }
                if (!announcedPlatformWait) {
                    console.line("  every service is ready; waiting for the gateway to see them all");
                    announcedPlatformWait = true;
                }
            }
            Instant now = Instant.now();
            if (now.isAfter(deadline)) {
                return new Outcome.TimedOut(waiting, platform);
            }
            if (Duration.between(lastProgress, now).compareTo(PROGRESS_INTERVAL) >= 0) {
                console.line("  ... waiting for: %s (%d s)", waitingFor(waiting, platform),
                        since(fleet.processes().getFirst().launchedAt()).toSeconds());
                lastProgress = now;
            }
            if (!pause()) {
                return new Outcome.StopRequested();
            }
        }
    }

    private static String waitingFor(Map<ServiceProcess, Health> waiting, Health platform) {
        if (waiting.isEmpty()) {
            return PlatformService.GATEWAY.applicationName() + " aggregated readiness (" + platform.describe() + ")";
        }
        return waiting.keySet().stream().map(ServiceProcess::name).collect(Collectors.joining(", "));
    }

    private static Duration since(Instant start) {
        return Duration.between(start, Instant.now());
    }

    private static boolean pause() {
        try {
            Thread.sleep(POLL_INTERVAL);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
