package com.fruitfulplanet.platform.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stopping server processes this JVM does not hold a {@link Process} for: the postmaster (daemonised by
 * {@code pg_ctl}) and servers orphaned by a JVM that died without running its shutdown hooks. Such a leftover still
 * holds its port and data directory, so the next start on the same directory would fail until someone killed it by
 * hand; the servers stop it first, but only while holding the directory's {@link DirectoryLock}, which proves no
 * live JVM owns it.
 */
final class ServerProcesses {

    private static final Logger log = LoggerFactory.getLogger(ServerProcesses.class);
    private static final Duration GRACE = Duration.ofSeconds(15);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
    private static final int TEXT_FILE_BUSY_ATTEMPTS = 10;
    private static final Duration TEXT_FILE_BUSY_BACKOFF = Duration.ofMillis(20);

    private ServerProcesses() {
    }

    /** The process whose id is on the first line of {@code pidFile}, if that file exists and the process runs. */
    /**
     * Starts the process, retrying briefly while Linux refuses to execute its binary with ETXTBSY ("Text file busy").
     * That happens to a binary just extracted from a jar when another thread of this JVM forks (e.g. PostgreSQL
     * starting in parallel) while the extracting file descriptor is still open: the child holds a writable copy of
     * it until it execs, which takes milliseconds. Seen in CI on the embedded Redis.
     */
    static Process start(ProcessBuilder builder) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return builder.start();
            } catch (IOException e) {
                if (attempt >= TEXT_FILE_BUSY_ATTEMPTS || e.getMessage() == null
                        || !e.getMessage().contains("Text file busy")) {
                    throw e;
                }
                log.debug("{} is busy (attempt {}); retrying", builder.command().getFirst(), attempt);
                try {
                    Thread.sleep(TEXT_FILE_BUSY_BACKOFF.toMillis() * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static Optional<ProcessHandle> fromPidFile(Path pidFile) {
        try {
            List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
            if (lines.isEmpty() || lines.getFirst().isBlank()) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.getFirst().trim()));
        } catch (IOException | NumberFormatException e) {
            log.warn("Ignoring unreadable pid file {}: {}", pidFile, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Stops the process recorded in {@code pidFile} if it still runs {@code executable} (a recycled process id may now
     * belong to anything else, which is left alone).
     */
    static void stopOrphan(Path pidFile, String executable, String signal) {
        fromPidFile(pidFile)
                .filter(ServerProcesses::running)
                .filter(process -> runs(process, executable))
                .ifPresent(process -> {
                    log.warn("Stopping {} (pid {}) left running on {} by a JVM that did not shut down cleanly",
                            executable, process.pid(), pidFile.getParent());
                    stop(process, signal);
                });
    }

    /**
     * Sends {@code signal} (e.g. {@code INT}, Postgres' fast shutdown), waits for the process to exit, and kills it
     * if it does not within a grace period.
     */
    static void stop(ProcessHandle process, String signal) {
        if (!running(process)) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            log.warn("Could not signal pid {}; killing it", process.pid(), e);
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        awaitExit(process);
    }

    /** Waits a grace period for {@code process} to exit, then kills it and waits again. */
    static void awaitExit(ProcessHandle process) {
        if (waitFor(process, GRACE)) {
            return;
        }
        log.warn("pid {} did not stop within {}; killing it", process.pid(), GRACE);
        process.destroyForcibly();
        if (!waitFor(process, Duration.ofSeconds(5))) {
            throw new IllegalStateException("Process " + process.pid() + " survived SIGKILL");
        }
    }

    /** Polls rather than using {@code onExit()}, which would wait for a zombie to be reaped (see {@link #running}). */
    private static boolean waitFor(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running(process)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !running(process);
            }
        }
        return true;
    }

    /** Whether the process with this id still runs. */
    static boolean running(long pid) {
        return ProcessHandle.of(pid).map(ServerProcesses::running).orElse(false);
    }

    /** Alive and not a zombie (see {@link ProcessLiveness}). */
    static boolean running(ProcessHandle process) {
        return ProcessLiveness.isRunning(process);
    }

    private static boolean runs(ProcessHandle process, String executable) {
        Optional<String> command = process.info().command();
        if (command.isEmpty()) {
            log.warn("Cannot tell what pid {} runs; leaving it alone", process.pid());
            return false;
        }
        return Path.of(command.get()).getFileName().toString().startsWith(executable);
    }
}
