package com.fruitfulplanet.devstack.up;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.devstack.DevStackException;
import com.fruitfulplanet.devstack.cli.Command;
import com.fruitfulplanet.devstack.console.Console;
import com.fruitfulplanet.devstack.console.LogTail;
import com.fruitfulplanet.devstack.health.Health;
import com.fruitfulplanet.devstack.health.HealthProbe;
import com.fruitfulplanet.devstack.home.DevStackHome;
import com.fruitfulplanet.devstack.infra.LocalInfrastructure;
import com.fruitfulplanet.devstack.ports.LocalPorts;
import com.fruitfulplanet.devstack.ports.PortCheck;
import com.fruitfulplanet.devstack.ports.RequiredPort;
import com.fruitfulplanet.devstack.process.ProcessRegistry;
import com.fruitfulplanet.devstack.process.RecordedProcess;
import com.fruitfulplanet.devstack.secrets.LocalSecrets;
import com.fruitfulplanet.devstack.services.ClassDataArchives;
import com.fruitfulplanet.devstack.services.ReadinessWait;
import com.fruitfulplanet.devstack.services.ReadinessWait.Outcome;
import com.fruitfulplanet.devstack.services.ServiceEnvironment;
import com.fruitfulplanet.devstack.services.ServiceFleet;
import com.fruitfulplanet.devstack.services.ServiceLauncher;
import com.fruitfulplanet.devstack.services.ServiceProcess;
import com.fruitfulplanet.devstack.services.UnpackedJars;
import com.fruitfulplanet.devstack.status.ServiceRow;
import com.fruitfulplanet.devstack.status.StatusReport;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * {@code ./devstack up}: makes sure nothing is in the way, starts PostgreSQL, Kafka and Redis, launches every
 * service, waits until the gateway reports the platform ready and prints where everything is. Then it stays in the
 * foreground until Ctrl-C or {@code ./devstack stop}, and stops everything in reverse order.
 */
public final class UpCommand {

    /** Spring Boot's graceful shutdown waits up to 30 s per phase; locally no requests are in flight to wait for. */
    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(20);
    private static final int LOG_TAIL_LINES = 40;

    private final Command.Up up;
    private final Path repositoryRoot;
    private final Console console;
    private final DevStackHome home;
    private final ProcessRegistry registry;
    private final StopSignal stopSignal = new StopSignal();

    /** Guards the fields below: the main thread starts things while a JVM shutdown hook may be stopping them. */
    private final Object lifecycle = new Object();
    private LocalInfrastructure infrastructure;
    private ServiceFleet fleet;
    private ClassDataArchives classDataArchives;
    private UnpackedJars.Unpacking unpacking;
    /** Written under the lock; volatile for the crash reports, which only read it. */
    private volatile boolean stopped;

    public UpCommand(Command.Up up, Path repositoryRoot, Console console) {
        this.up = up;
        this.repositoryRoot = repositoryRoot;
        this.console = console;
        this.home = new DevStackHome(up.home().path());
        this.registry = new ProcessRegistry(home.run());
    }

    public int run() {
        Instant started = Instant.now();
        refuseIfRunning();
        ServiceLauncher launcher = ServiceLauncher.create(repositoryRoot, home);
        launcher.requireJars();
        requireFreePorts();
        prepareHome();

        startTranscript();
        registry.recordCurrent();
        stopSignal.install(this::onSignal);
        // For the ways to end a JVM that do not go through the signal handler (SIGHUP when the terminal closes).
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopEverything, "devstack-stop"));
        try {
            return startAndServe(launcher, started);
        } catch (DevStackException e) {
            console.error(e.getMessage());
            console.detail(e.getMessage(), e);
            console.error("  Details: " + console.path(home.devStackLog()));
            stopEverything();
            return e.exitCode();
        } catch (IOException | RuntimeException e) {
            console.error("devstack failed: " + e + "\n  Details: " + console.path(home.devStackLog()));
            console.detail("devstack failed", e);
            stopEverything();
            return DevStackException.FAILED;
        }
    }

    private int startAndServe(ServiceLauncher launcher, Instant started) throws IOException {
        console.line("Starting FruitfulPlanet (home %s)", console.path(home.root()));
        LocalSecrets secrets = LocalSecrets.loadOrCreate(home.secrets(), LocalInfrastructure.databaseRoles());
        // Unpacking runs in other processes while the infrastructure starts here.
        Instant unpackingStarted = Instant.now();
        UnpackedJars.Unpacking startedUnpacking = launcher.startUnpackingChangedJars();
        if (!adopt(() -> unpacking = startedUnpacking, startedUnpacking::cancel)) {
            return 0;
        }

        console.line("Infrastructure");
        LocalInfrastructure startedInfrastructure = LocalInfrastructure.start(home, secrets, registry, console);
        if (!adopt(() -> infrastructure = startedInfrastructure, startedInfrastructure::close)) {
            return 0;
        }
        reportUnpacking(startedUnpacking.await(), unpackingStarted);
        if (stopSignal.isRequested()) {
            stopEverything();
            return 0;
        }

        console.line("Services (%d JVMs starting in parallel; logs in %s)", PlatformService.values().length,
                console.path(home.logs()));
        ServiceFleet launched = ServiceFleet.launch(launcher,
                service -> ServiceEnvironment.of(service, startedInfrastructure.addresses(), secrets),
                registry, SERVICE_STOP_GRACE);
        if (!adopt(() -> fleet = launched, () -> launched.stop(SERVICE_STOP_GRACE))) {
            return 0;
        }

        Outcome outcome = new ReadinessWait(new HealthProbe(), console)
                .await(launched, started.plus(up.timeout()), stopSignal::isRequested);
        return switch (outcome) {
            case Outcome.Ready ready -> {
                printReady(launched, started, secrets);
                reportCrashesWhileRunning(launched);
                saveClassData(launcher, launched);
                stopSignal.await();
                stopEverything();
                yield 0;
            }
            case Outcome.StopRequested requested -> {
                stopEverything();
                yield 0;
            }
            case Outcome.Exited exited -> {
                console.error("%s exited with code %d before it was ready."
                        .formatted(exited.service().name(), exited.exitCode()));
                printLogTail(exited.service());
                stopEverything();
                yield DevStackException.FAILED;
            }
            case Outcome.TimedOut timedOut -> {
                reportTimeout(timedOut, launched);
                stopEverything();
                yield DevStackException.FAILED;
            }
        };
    }

    private void reportUnpacking(UnpackedJars.Result result, Instant started) {
        if (!result.unpacked().isEmpty()) {
            console.line("  unpacked the new builds of %s for faster starts (%s)", String.join(", ", result.unpacked()),
                    Console.seconds(Duration.between(started, Instant.now())));
        }
        result.failed().forEach((name, output) -> console.error(
                "  ! could not unpack %s; it starts from its executable jar, more slowly: %s".formatted(name, output)));
    }

    /** Once per build, in the background, so the next start is faster; see {@link ClassDataArchives}. */
    private void saveClassData(ServiceLauncher launcher, ServiceFleet launched) {
        ClassDataArchives.jcmdBeside(launcher.java()).ifPresent(jcmd -> {
            ClassDataArchives archives = new ClassDataArchives(jcmd, console);
            if (adopt(() -> classDataArchives = archives, archives::cancel)) {
                archives.saveInBackground(launched.processes());
            }
        });
    }

    /**
     * Hands something just started over to {@link #stopEverything()}, which a JVM shutdown hook may already have run
     * meanwhile: then it is stopped right away and the answer is false.
     */
    private boolean adopt(Runnable handOver, Runnable stopNow) {
        synchronized (lifecycle) {
            handOver.run();
            if (stopped) {
                stopNow.run();
                return false;
            }
            return true;
        }
    }

    private void refuseIfRunning() {
        registry.read(ProcessRegistry.DEVSTACK).flatMap(RecordedProcess::liveHandle).ifPresent(running -> {
            throw new DevStackException(DevStackException.REFUSED, """
                    A devstack is already running for %s (pid %d)%s.
                    Use that one (%s shows it), or stop it first: %s"""
                    .formatted(console.path(home.root()), running.pid(),
                            up.wipe() ? "; not wiping the data under it" : "",
                            up.home().hint("status"), up.home().hint("stop")));
        });
        List<RecordedProcess> leftovers = registry.children().stream()
                .filter(process -> process.liveHandle().isPresent())
                .toList();
        if (!leftovers.isEmpty()) {
            throw new DevStackException(DevStackException.REFUSED, """
                    An earlier devstack for %s did not stop cleanly; these of its processes are still running: %s.
                    Stop them first: %s"""
                    .formatted(console.path(home.root()), leftovers.stream().map(RecordedProcess::toString)
                            .collect(Collectors.joining(", ")), up.home().hint("stop")));
        }
        // Nothing recorded is alive: the files are from a devstack that was killed, and describe nothing now.
        registry.removeAll();
    }

    private void prepareHome() {
        try {
            if (up.wipe()) {
                home.wipeData();
                console.line("Deleted the data folder %s; starting from scratch.", console.path(home.data()));
            }
            home.createDirectories();
        } catch (IOException e) {
            throw new DevStackException(DevStackException.REFUSED,
                    "Cannot prepare " + home.root() + ": " + e.getMessage(), e);
        }
    }

    private void requireFreePorts() {
        List<RequiredPort> taken = PortCheck.taken(LocalPorts.required());
        if (!taken.isEmpty()) {
            String ports = taken.stream()
                    .map(port -> "  %-6d %s".formatted(port.port(), port.purpose()))
                    .collect(Collectors.joining("\n"));
            throw new DevStackException(DevStackException.REFUSED, """
                    Cannot start: %s already in use on %s:
                    %s
                    Stop what is listening there (`ss -ltnp` shows it; an earlier devstack stops with %s), \
                    then try again."""
                    .formatted(taken.size() == 1 ? "this port is" : "these ports are", LocalPorts.LOOPBACK, ports,
                            up.home().hint("stop")));
        }
    }

    /** devstack's own log and the libraries' (Kafka runs in this JVM) go to logs/devstack.log, not the terminal. */
    private void startTranscript() {
        try {
            DevStackHome.rotate(home.devStackLog());
        } catch (IOException e) {
            throw new DevStackException(DevStackException.REFUSED,
                    "Cannot write to " + home.logs() + ": " + e.getMessage(), e);
        }
        // Read once, when slf4j-simple initialises: nothing may log before this line.
        System.setProperty("org.slf4j.simpleLogger.logFile", home.devStackLog().toString());
        console.transcribeTo(LoggerFactory.getLogger("devstack"));
    }

    private void onSignal(int count) {
        if (count == 1) {
            console.line("");
            console.line("Stop requested.");
        } else {
            console.line("Already stopping; services get %d s to finish, then they are killed.",
                    SERVICE_STOP_GRACE.toSeconds());
        }
    }

    private void printReady(ServiceFleet launched, Instant started, LocalSecrets secrets) {
        console.line("");
        console.line("FruitfulPlanet is ready in %s.", Console.seconds(Duration.between(started, Instant.now())));
        console.line("");
        List<ServiceRow> rows = launched.processes().stream()
                .map(process -> new ServiceRow(process.service(), OptionalLong.of(process.process().pid()), "ready"))
                .toList();
        StatusReport.print(console, rows, home, Optional.of(secrets.adminPassword()),
                "Ctrl-C here, or " + up.home().hint("stop") + " from another terminal");
    }

    /** After start-up a crashing service is reported but does not take the rest down: one may restart it by hand. */
    private void reportCrashesWhileRunning(ServiceFleet launched) {
        for (ServiceProcess process : launched.processes()) {
            process.process().onExit().thenAccept(exited -> {
                if (!stopped) {
                    console.error("");
                    console.error("%s (pid %d) exited with code %d; the rest of the platform keeps running."
                            .formatted(process.name(), exited.pid(), exited.exitValue()));
                    printLogTail(process);
                }
            });
        }
    }

    private void reportTimeout(Outcome.TimedOut timedOut, ServiceFleet launched) {
        console.error("The platform was not ready within %d s.".formatted(up.timeout().toSeconds()));
        if (timedOut.notReady().isEmpty()) {
            Health platform = timedOut.platform();
            console.error("Every service is ready, but the gateway's %s answers %s %s".formatted(
                    "/api/health/readiness", platform.describe(), platform.body()));
            launched.processes().stream()
                    .filter(process -> process.service() == PlatformService.GATEWAY)
                    .forEach(this::printLogTail);
            return;
        }
        for (Map.Entry<ServiceProcess, Health> entry : timedOut.notReady().entrySet()) {
            console.error("%s: %s".formatted(entry.getKey().name(), entry.getValue().describe()));
            printLogTail(entry.getKey());
        }
    }

    private void printLogTail(ServiceProcess process) {
        List<String> lines = LogTail.lastLines(process.log(), LOG_TAIL_LINES);
        console.error("Last %d lines of %s:".formatted(lines.size(), console.path(process.log())));
        lines.forEach(line -> console.error("  | " + line));
    }

    /**
     * Services first, by PID, while the infrastructure they shut down against is still there; then Redis, Kafka and
     * PostgreSQL.
     */
    private void stopEverything() {
        synchronized (lifecycle) {
            if (stopped) {
                return;
            }
            stopped = true;
            console.line("Stopping FruitfulPlanet ...");
            if (unpacking != null) {
                unpacking.cancel();
            }
            if (classDataArchives != null) {
                classDataArchives.cancel();
            }
            if (fleet != null) {
                Instant start = Instant.now();
                List<ServiceProcess> killed = fleet.stop(SERVICE_STOP_GRACE);
                console.line("  stopped %d services in %s", fleet.processes().size(),
                        Console.seconds(Duration.between(start, Instant.now())));
                if (!killed.isEmpty()) {
                    console.error("  ! killed after %d s: %s".formatted(SERVICE_STOP_GRACE.toSeconds(),
                            killed.stream().map(ServiceProcess::name).collect(Collectors.joining(", "))));
                }
            }
            if (infrastructure != null) {
                infrastructure.close();
            }
            registry.removeAll();
            console.line("Stopped. Data kept in %s (%s starts from scratch).", console.path(home.data()),
                    "./devstack up --wipe" + up.home().option());
        }
    }
}
