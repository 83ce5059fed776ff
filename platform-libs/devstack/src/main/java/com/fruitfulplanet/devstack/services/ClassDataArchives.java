package com.fruitfulplanet.devstack.services;

import com.fruitfulplanet.devstack.console.Console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Saves the class-data archive (CDS) of each service that started without one, once the platform is ready, one
 * service after the other, with {@code jcmd <pid> VM.cds dynamic_dump}. The next start maps the archived classes
 * instead of loading, parsing and verifying them again, which on two cores shortens every service's start by a third
 * or more.
 *
 * <p>Why not let the JVM write the archive when it exits ({@code -XX:+AutoCreateSharedArchive})? Seven JVMs each
 * writing ~70 MiB at once on two cores take longer than the 20 s a stop allows them, so none would finish.
 */
public final class ClassDataArchives {

    private static final long DUMP_TIMEOUT_SECONDS = 120;

    private final Path jcmd;
    private final Console console;
    private volatile boolean cancelled;
    private volatile Process running;

    public ClassDataArchives(Path jcmd, Console console) {
        this.jcmd = jcmd;
        this.console = console;
    }

    /** Starts saving in a background thread; returns at once. */
    public void saveInBackground(List<ServiceProcess> services) {
        List<ServiceProcess> missing = services.stream()
                .filter(service -> service.classDataArchiveToSave().isPresent())
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        // A dump stops the service's JVM while it writes: its requests wait meanwhile (the gateway may time out).
        console.line("  (saving the class data of %s for faster starts; each pauses for a few seconds meanwhile)",
                missing.stream().map(ServiceProcess::name).collect(Collectors.joining(", ")));
        Thread saver = new Thread(() -> save(missing), "class-data-archives");
        saver.setDaemon(true);
        saver.start();
    }

    /** Stops saving (the services are about to stop); an archive half written is discarded. */
    public void cancel() {
        cancelled = true;
        Process process = running;
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private void save(List<ServiceProcess> services) {
        int saved = 0;
        for (ServiceProcess service : services) {
            if (cancelled) {
                return;
            }
            Path archive = service.classDataArchiveToSave().orElseThrow();
            if (dump(service, archive)) {
                saved++;
            }
        }
        if (saved > 0 && !cancelled) {
            console.line("  (saved the class data of %d service%s; they will start faster next time)", saved,
                    saved == 1 ? "" : "s");
        }
    }

    private boolean dump(ServiceProcess service, Path archive) {
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(service.process().pid()),
                    "VM.cds", "dynamic_dump", partial.toString())
                    .redirectErrorStream(true)
                    .start();
            running = process;
            String output = new String(process.getInputStream().readAllBytes()).strip();
            boolean finished = process.waitFor(DUMP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (finished && process.exitValue() == 0 && Files.isRegularFile(partial) && !cancelled) {
                Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return true;
            }
            process.destroyForcibly();
            if (!cancelled) {
                console.detail("No class-data archive for " + service.name() + ": " + output, null);
            }
        } catch (IOException e) {
            console.detail("No class-data archive for " + service.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running = null;
            deleteQuietly(partial);
        }
        return false;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover partial file is overwritten by the next dump
        }
    }

    /** jcmd beside the java binary, if this is a JDK (a JRE has none). */
    public static Optional<Path> jcmdBeside(String java) {
        Path jcmd = Path.of(java).resolveSibling("jcmd");
        return Files.isExecutable(jcmd) ? Optional.of(jcmd) : Optional.empty();
    }
}
