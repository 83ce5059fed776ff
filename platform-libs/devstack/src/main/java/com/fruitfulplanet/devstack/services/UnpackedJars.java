package com.fruitfulplanet.devstack.services;

import com.fruitfulplanet.devstack.home.Directories;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The services' jars unpacked under {@code <home>/apps/<service>/}, so that they start about twice as fast.
 *
 * <p>An executable Spring Boot jar loads every class through nested jars, which on two busy cores is about half of a
 * service's start. Unpacked ({@code java -Djarmode=tools -jar x.jar extract}) it is a plain class path, which the JVM
 * can also keep in a class-data archive from one run to the next ({@link #classDataArchive}). Measured on the
 * gateway alone on two cores: 7.5 s to start from the executable jar, 3.8 s unpacked, 2.7 s with the archive.
 *
 * <p>A jar is unpacked again whenever the built one changes; its archive goes with it and is saved anew.
 */
public final class UnpackedJars {

    /** Records which built jar (path, size, modification time) a directory was unpacked from. */
    private static final String STAMP = ".unpacked-from";
    /** Spring Boot's tool for it, packaged into executable jars unless a build opts out. */
    private static final String TOOLS_JAR_MODE = "BOOT-INF/lib/spring-boot-jarmode-tools-";
    private static final Duration UNPACK_TIMEOUT = Duration.ofSeconds(120);

    private final String java;
    private final Path directory;

    public UnpackedJars(String java, Path directory) {
        this.java = java;
        this.directory = directory;
    }

    /** The unpacked application jar, if it is there and was unpacked from the jar as it is now. */
    public Optional<Path> current(String name, Path builtJar) {
        Path unpacked = directory.resolve(name);
        Path jar = unpacked.resolve(name + ".jar");
        try {
            return Files.isRegularFile(jar)
                    && Files.readString(unpacked.resolve(STAMP), StandardCharsets.UTF_8).equals(stamp(builtJar))
                    ? Optional.of(jar) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The class data (CDS) of the unpacked jar, saved after a first start by {@link ClassDataArchives}. Only the JVM
     * that wrote it can use it, so its name carries the JVM's version: after a switch of JDK a new one is saved
     * instead of the old one being silently ignored at every start.
     */
    public Path classDataArchive(String name, Runtime.Version jvm) {
        return directory.resolve(name).resolve(name + "-" + jvm + ".jsa");
    }

    /**
     * Starts unpacking, all at once, every jar that changed since it was last unpacked; returns without waiting, so
     * the caller can do something else (start the infrastructure) meanwhile.
     *
     * @param builtJars service name to its executable jar
     */
    public Unpacking startUnpackingChanged(Map<String, Path> builtJars) throws IOException {
        Files.createDirectories(directory);
        Map<String, Process> processes = new LinkedHashMap<>();
        for (Map.Entry<String, Path> entry : builtJars.entrySet()) {
            String name = entry.getKey();
            if (current(name, entry.getValue()).isEmpty() && canUnpack(entry.getValue())) {
                Path destination = scratch(name);
                Directories.deleteRecursively(destination);
                Files.deleteIfExists(output(name));
                processes.put(name, new ProcessBuilder(java, "-Djarmode=tools", "-jar", entry.getValue().toString(),
                        "extract", "--destination", destination.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(output(name).toFile())
                        .start());
            }
        }
        return new Unpacking(builtJars, processes);
    }

    /** Jars being unpacked. */
    public final class Unpacking {

        private final Map<String, Path> builtJars;
        private final Map<String, Process> processes;

        private Unpacking(Map<String, Path> builtJars, Map<String, Process> processes) {
            this.builtJars = builtJars;
            this.processes = processes;
        }

        /**
         * Waits until every jar is unpacked. A jar that could not be unpacked is reported in the result; its service
         * starts from the built jar.
         */
        public Result await() throws IOException {
            List<String> unpacked = new ArrayList<>();
            Map<String, String> failed = new LinkedHashMap<>();
            Instant deadline = Instant.now().plus(UNPACK_TIMEOUT);
            for (Map.Entry<String, Process> entry : processes.entrySet()) {
                String name = entry.getKey();
                Process process = entry.getValue();
                if (waitFor(process, deadline)) {
                    install(name, builtJars.get(name));
                    unpacked.add(name);
                } else {
                    String output = Files.readString(output(name), StandardCharsets.UTF_8).strip();
                    failed.put(name, output.isEmpty() ? "no output" : output);
                    Directories.deleteRecursively(scratch(name));
                }
                Files.deleteIfExists(output(name));
            }
            return new Result(unpacked, failed);
        }

        /** Stops unpacking (devstack is stopping); the half-unpacked copies are cleared away on the next start. */
        public void cancel() {
            processes.values().forEach(Process::destroyForcibly);
        }
    }

    /**
     * @param unpacked the services whose jar was unpacked now
     * @param failed   the services whose jar could not be unpacked, with the tool's output
     */
    public record Result(List<String> unpacked, Map<String, String> failed) {
    }

    /** Replaces the previous unpacked copy (and its now stale archive) with the fresh one. */
    private void install(String name, Path builtJar) throws IOException {
        Path fresh = scratch(name);
        Files.writeString(fresh.resolve(STAMP), stamp(builtJar), StandardCharsets.UTF_8);
        Path target = directory.resolve(name);
        Directories.deleteRecursively(target);
        Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private Path scratch(String name) {
        return directory.resolve(name + ".unpacking");
    }

    static String stamp(Path builtJar) throws IOException {
        return String.join("\n", builtJar.toAbsolutePath().toString(), Long.toString(Files.size(builtJar)),
                Long.toString(Files.getLastModifiedTime(builtJar).toMillis()));
    }

    /** True when the process ended successfully before the deadline; a process still running then is killed. */
    private static boolean waitFor(Process process, Instant deadline) {
        try {
            long remaining = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            if (process.waitFor(remaining, TimeUnit.MILLISECONDS)) {
                return process.exitValue() == 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        return false;
    }

    /** Only a Spring Boot executable jar that carries the extraction tool; anything else starts as it is. */
    static boolean canUnpack(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest != null
                    && manifest.getMainAttributes().getValue("Spring-Boot-Version") != null
                    && file.stream().anyMatch(entry -> entry.getName().startsWith(TOOLS_JAR_MODE));
        } catch (IOException e) {
            return false;
        }
    }

    private Path output(String name) {
        return directory.resolve(name + ".unpacking.log");
    }
}
