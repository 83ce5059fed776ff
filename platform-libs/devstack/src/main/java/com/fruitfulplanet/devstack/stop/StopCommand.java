package com.fruitfulplanet.devstack.stop;

import com.fruitfulplanet.devstack.cli.Command;
import com.fruitfulplanet.devstack.console.Console;
import com.fruitfulplanet.devstack.home.DevStackHome;
import com.fruitfulplanet.devstack.process.GracefulStop;
import com.fruitfulplanet.devstack.process.ProcessRegistry;
import com.fruitfulplanet.devstack.process.RecordedProcess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code ./devstack stop}: asks the running devstack to stop (SIGTERM, as Ctrl-C in its terminal would) and waits for
 * it. If devstack is gone but processes it started are still alive (it was killed, or the machine hiccuped), stops
 * those itself: services first, then Redis, then Postgres, each only if its PID still belongs to the process we
 * recorded.
 */
public final class StopCommand {

    /** devstack gives services 20 s, then stops the infrastructure; this leaves room for both. */
    private static final Duration DEVSTACK_STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(20);

    private final Command.Stop stop;
    private final Console console;

    public StopCommand(Command.Stop stop, Console console) {
        this.stop = stop;
        this.console = console;
    }

    public int run() {
        DevStackHome home = new DevStackHome(stop.home().path());
        ProcessRegistry registry = new ProcessRegistry(home.run());
        Optional<RecordedProcess> recorded = registry.read(ProcessRegistry.DEVSTACK);
        Optional<ProcessHandle> devstack = recorded.flatMap(RecordedProcess::liveHandle);
        boolean clean = true;
        if (devstack.isPresent()) {
            clean = stopDevStack(devstack.get());
        } else if (recorded.isPresent()) {
            console.line("devstack (pid %d) is not running any more; it did not stop cleanly.", recorded.get().pid());
        }
        List<RecordedProcess> leftovers = registry.children().stream()
                .filter(process -> process.liveHandle().isPresent())
                .toList();
        if (!leftovers.isEmpty()) {
            clean &= stopLeftovers(leftovers);
        }
        if (recorded.isEmpty() && leftovers.isEmpty()) {
            console.line("No devstack is running for %s.", console.path(home.root()));
        } else {
            console.line(clean ? "Stopped." : "Stopped, but not everything stopped cleanly (see above).");
        }
        // Whatever is recorded now is dead or not ours any more (its PID was reused).
        registry.removeAll();
        return clean ? 0 : 1;
    }

    private boolean stopDevStack(ProcessHandle devstack) {
        console.line("Stopping devstack (pid %d); it stops the services, then Redis, Kafka and PostgreSQL ...",
                devstack.pid());
        devstack.destroy();
        if (GracefulStop.awaitExit(List.of(devstack), DEVSTACK_STOP_TIMEOUT)) {
            return true;
        }
        console.error("devstack did not stop within %d s; killing it and stopping what it started."
                .formatted(DEVSTACK_STOP_TIMEOUT.toSeconds()));
        devstack.destroyForcibly();
        GracefulStop.awaitExit(List.of(devstack), Duration.ofSeconds(5));
        return false;
    }

    private boolean stopLeftovers(List<RecordedProcess> leftovers) {
        console.line("Stopping processes it left behind: %s", leftovers.stream().map(RecordedProcess::toString)
                .collect(Collectors.joining(", ")));
        List<RecordedProcess> killed = new ArrayList<>();
        for (List<RecordedProcess> stage : ProcessRegistry.stopStages(leftovers)) {
            killed.addAll(stopAll(stage));
        }
        if (!killed.isEmpty()) {
            console.error("Had to kill (SIGKILL) after %d s: %s".formatted(LEFTOVER_GRACE.toSeconds(), killed));
        }
        return killed.isEmpty();
    }

    /** Stops processes by PID, each only while its PID still belongs to the process recorded; returns those killed. */
    private static List<RecordedProcess> stopAll(List<RecordedProcess> processes) {
        Map<RecordedProcess, ProcessHandle> handles = processes.stream()
                .flatMap(process -> process.liveHandle().map(handle -> Map.entry(process, handle)).stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<ProcessHandle> killed = GracefulStop.stop(handles.values(), LEFTOVER_GRACE);
        return handles.entrySet().stream()
                .filter(entry -> killed.contains(entry.getValue()))
                .map(Map.Entry::getKey)
                .toList();
    }
}
