package com.fruitfulplanet.devstack.process;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import com.fruitfulplanet.platform.infra.ProcessLiveness;

/**
 * Stops processes by PID the way a supervisor should: SIGTERM to all of them at once (so Spring Boot's graceful
 * shutdown runs in parallel), a bounded wait, then SIGKILL for whatever is still alive.
 */
public final class GracefulStop {

    private static final Duration AFTER_KILL = Duration.ofSeconds(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    /** Returns the processes that had to be killed forcibly. */
    public static List<ProcessHandle> stop(Collection<ProcessHandle> processes, Duration grace) {
        processes.forEach(ProcessHandle::destroy);
        awaitExit(processes, grace);
        List<ProcessHandle> stubborn = processes.stream().filter(ProcessLiveness::isRunning).toList();
        stubborn.forEach(ProcessHandle::destroyForcibly);
        awaitExit(stubborn, AFTER_KILL);
        return stubborn;
    }

    /**
     * True when every process exited within the time given. Polls rather than using {@code onExit()}, which for a
     * daemon we did not start waits until its zombie is reaped (see {@link ProcessLiveness}).
     */
    public static boolean awaitExit(Collection<ProcessHandle> processes, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (processes.stream().anyMatch(ProcessLiveness::isRunning)) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private GracefulStop() {
    }
}
