package com.fruitfulplanet.devstack.process;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import com.fruitfulplanet.platform.infra.ProcessLiveness;

/**
 * A process of a running devstack as its pid file records it, so another JVM ({@code ./devstack stop}) can find it.
 *
 * <p>A PID alone is not enough to signal a process later: PIDs are reused, and after a crash or reboot the number may
 * belong to something else entirely. So the start time and the full command line are recorded too, and a process
 * counts as ours only while all of them still match.
 *
 * <p>File format, three lines: the PID (so {@code kill $(head -1 run/gateway.pid)} works), the start instant (ISO-8601,
 * or {@code -} when the OS does not tell), the command line.
 */
public record RecordedProcess(String name, long pid, Optional<Instant> startedAt, String commandLine) {

    private static final String UNKNOWN = "-";

    /** Records a process whose command line we know because we built it. */
    public static RecordedProcess of(String name, ProcessHandle process, String commandLine) {
        return new RecordedProcess(name, process.pid(), process.info().startInstant(), commandLine);
    }

    /** Records a process started by someone else (a library), as the OS reports it; empty when it does not. */
    public static Optional<RecordedProcess> observe(String name, ProcessHandle process) {
        return process.info().commandLine().map(commandLine -> of(name, process, commandLine));
    }

    /** The process, while it runs and is still the one we recorded. */
    public Optional<ProcessHandle> liveHandle() {
        return ProcessHandle.of(pid).filter(ProcessLiveness::isRunning).filter(this::isSameProcessAs);
    }

    boolean isSameProcessAs(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        if (startedAt.isPresent() && info.startInstant().isPresent() && !startedAt.equals(info.startInstant())) {
            return false;
        }
        // Without a command line to compare we cannot tell, and killing a stranger is worse than leaving a process.
        return info.commandLine().filter(commandLine::equals).isPresent();
    }

    List<String> toLines() {
        return List.of(Long.toString(pid), startedAt.map(Instant::toString).orElse(UNKNOWN), commandLine);
    }

    /** Parses a pid file's lines; empty when they are not a record (a truncated or foreign file). */
    static Optional<RecordedProcess> parse(String name, List<String> lines) {
        if (lines.size() < 3) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).strip());
            String started = lines.get(1).strip();
            Optional<Instant> startedAt = started.equals(UNKNOWN)
                    ? Optional.empty()
                    : Optional.of(Instant.parse(started));
            return Optional.of(new RecordedProcess(name, pid, startedAt, lines.get(2)));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid + ")";
    }
}
