package com.fruitfulplanet.devstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The pid files under {@code <home>/run}: one for devstack itself and one per process it started. They exist only
 * while a devstack runs (or after it died without cleaning up, which is how {@code stop} finds what it left behind).
 */
public final class ProcessRegistry {

    public static final String DEVSTACK = "devstack";
    public static final String POSTGRES = "postgres";
    public static final String REDIS = "redis";

    private static final String SUFFIX = ".pid";

    private final Path directory;

    public ProcessRegistry(Path directory) {
        this.directory = directory;
    }

    /** Records this JVM as the devstack of its home. */
    public void recordCurrent() {
        ProcessHandle self = ProcessHandle.current();
        record(RecordedProcess.of(DEVSTACK, self, self.info().commandLine().orElse("")));
    }

    /** Writes the pid file atomically, so a concurrent {@code stop} never reads half of one. */
    public void record(RecordedProcess process) {
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, process.name(), ".tmp");
            Files.write(temporary, process.toLines(), StandardCharsets.UTF_8);
            Files.move(temporary, file(process.name()),
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file(process.name()), e);
        }
    }

    public Optional<RecordedProcess> read(String name) {
        Path file = file(name);
        try {
            return RecordedProcess.parse(name, Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The processes devstack started (everything but devstack itself), by name. */
    public List<RecordedProcess> children() {
        List<RecordedProcess> children = new ArrayList<>();
        for (String name : names()) {
            if (!name.equals(DEVSTACK)) {
                read(name).ifPresent(children::add);
            }
        }
        children.sort(Comparator.comparing(RecordedProcess::name));
        return children;
    }

    /**
     * The order to stop processes in: services first (they use Redis and Postgres while shutting down), then Redis,
     * then Postgres, which everything writes to. Processes of one stage can stop in parallel.
     */
    public static List<List<RecordedProcess>> stopStages(List<RecordedProcess> processes) {
        Map<Integer, List<RecordedProcess>> stages = new TreeMap<>();
        for (RecordedProcess process : processes) {
            int stage = switch (process.name()) {
                case REDIS -> 1;
                case POSTGRES -> 2;
                default -> 0;
            };
            stages.computeIfAbsent(stage, key -> new ArrayList<>()).add(process);
        }
        return List.copyOf(stages.values());
    }

    public void remove(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file(name), e);
        }
    }

    public void removeAll() {
        names().forEach(this::remove);
    }

    private List<String> names() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                names.add(fileName.substring(0, fileName.length() - SUFFIX.length()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
        return names;
    }

    private Path file(String name) {
        return directory.resolve(name + SUFFIX);
    }
}
