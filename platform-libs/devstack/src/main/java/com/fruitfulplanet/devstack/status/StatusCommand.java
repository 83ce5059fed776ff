package com.fruitfulplanet.devstack.status;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.devstack.cli.Command;
import com.fruitfulplanet.devstack.console.Console;
import com.fruitfulplanet.devstack.health.Health;
import com.fruitfulplanet.devstack.health.HealthProbe;
import com.fruitfulplanet.devstack.home.DevStackHome;
import com.fruitfulplanet.devstack.process.ProcessRegistry;
import com.fruitfulplanet.devstack.process.RecordedProcess;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * {@code ./devstack status}: the services of the running devstack with their live readiness. Exits 0 only when
 * devstack runs and the gateway reports the whole platform ready, so scripts can wait on it.
 */
public final class StatusCommand {

    private final Command.Status status;
    private final Console console;
    private final HealthProbe probe = new HealthProbe();

    public StatusCommand(Command.Status status, Console console) {
        this.status = status;
        this.console = console;
    }

    public int run() {
        DevStackHome home = new DevStackHome(status.home().path());
        ProcessRegistry registry = new ProcessRegistry(home.run());
        Optional<ProcessHandle> devstack = registry.read(ProcessRegistry.DEVSTACK).flatMap(RecordedProcess::liveHandle);
        if (devstack.isEmpty()) {
            console.line("No devstack is running for %s. Start one with %s.", console.path(home.root()),
                    status.home().hint("up"));
            List<RecordedProcess> leftovers = registry.children().stream()
                    .filter(process -> process.liveHandle().isPresent()).toList();
            if (!leftovers.isEmpty()) {
                console.line("Still running from one that did not stop cleanly: %s. Stop them with %s.",
                        leftovers.stream().map(RecordedProcess::toString).collect(Collectors.joining(", ")),
                        status.home().hint("stop"));
            }
            return 1;
        }
        console.line("devstack is running (pid %d, up %s), home %s", devstack.get().pid(),
                uptime(devstack.get()), console.path(home.root()));
        console.line("");
        Map<PlatformService, CompletableFuture<Health>> answers = new EnumMap<>(PlatformService.class);
        for (PlatformService service : PlatformService.values()) {
            answers.put(service, probe.readiness(service));
        }
        CompletableFuture<Health> platformAnswer = probe.platformReadiness();
        List<ServiceRow> rows = new ArrayList<>();
        boolean allReady = true;
        for (PlatformService service : PlatformService.values()) {
            OptionalLong pid = registry.read(service.applicationName())
                    .flatMap(RecordedProcess::liveHandle)
                    .map(process -> OptionalLong.of(process.pid()))
                    .orElse(OptionalLong.empty());
            Health health = answers.get(service).join();
            allReady &= health.isReady();
            rows.add(new ServiceRow(service, pid, pid.isPresent() ? health.describe() : "not running"));
        }
        StatusReport.print(console, rows, home, Optional.empty(),
                status.home().hint("stop") + ", or Ctrl-C in devstack's terminal");
        Health platform = platformAnswer.join();
        console.line("");
        console.line("Platform readiness (gateway): %s%s", platform.describe(),
                platform.isReady() || platform.body().isBlank() ? "" : "  " + platform.body());
        return allReady && platform.isReady() ? 0 : 1;
    }

    private static String uptime(ProcessHandle process) {
        return process.info().startInstant()
                .map(started -> Duration.between(started, Instant.now()))
                .map(duration -> "%dm %02ds".formatted(duration.toMinutes(), duration.toSecondsPart()))
                .orElse("?");
    }
}
