package com.fruitfulplanet.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.fail;

/**
 * One {@code ./devstack up} of the end-to-end tests, run from the repository root like the README says, with its
 * own home under {@code e2e/target}, and the PID-file bookkeeping that lets a test stop everything devstack started
 * by PID whatever happened. Failsafe runs the IT classes one after another in one JVM: each starts its devstack,
 * and stops it and everything it recorded before the next class starts.
 */
final class LocalDevStack {

    static final Path REPOSITORY = repositoryRoot();
    static final Path TARGET = REPOSITORY.resolve("e2e/target");
    static final Path HOME = TARGET.resolve("devstack-home");
    static final Path RUN = HOME.resolve("run");

    static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
    private static final String READY_LINE = "FruitfulPlanet is ready in ";
    /** After a first start devstack saves the services' class data in the background; the next start uses it. */
    private static final String CLASS_DATA_SAVED = "saved the class data of";

    private final Process process;
    private final Path transcript;
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final CompletableFuture<String> classDataSaved = new CompletableFuture<>();
    private final List<String> output = new CopyOnWriteArrayList<>();
    /** Services a test killed and started again itself ({@link #restart}): devstack does not know these processes. */
    private final List<Process> restarted = new CopyOnWriteArrayList<>();

    private LocalDevStack(Process process, Path transcript) {
        this.process = process;
        this.transcript = transcript;
    }

    /**
     * {@code ./devstack up --home <e2e home>} with {@code environment} added to this JVM's; its output goes to
     * {@code e2e/target/devstack-<run>.out} and to the test log.
     */
    static LocalDevStack up(String run, Map<String, String> environment) throws IOException {
        Files.createDirectories(TARGET);
        ProcessBuilder builder = command("up").redirectErrorStream(true);
        builder.environment().putAll(environment);
        LocalDevStack devstack = new LocalDevStack(builder.start(), TARGET.resolve("devstack-" + run + ".out"));
        devstack.process.getOutputStream().close();
        devstack.watchOutput();
        return devstack;
    }

    Process process() {
        return process;
    }

    /** Everything devstack printed so far. */
    List<String> output() {
        return List.copyOf(output);
    }

    /** Waits for the ready line and returns it; fails the test with devstack's output if it does not come. */
    String awaitReady() throws Exception {
        try {
            return ready.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return fail("devstack was not ready within %d s (%s); its output is in %s:%n%s", READY_TIMEOUT.toSeconds(),
                    e.getCause() != null ? e.getCause().getMessage() : "timeout", transcript,
                    Files.readString(transcript));
        }
    }

    /** The line saying the class data was saved, if it comes within the timeout. */
    Optional<String> awaitClassDataSaved(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(classDataSaved.get(timeout.toSeconds(), TimeUnit.SECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code ./devstack stop}, then makes sure devstack itself and every process in {@code started} (and whatever
     * is still recorded) is gone, by PID. For {@code @AfterAll}: never throws on the way, so everything is tried.
     */
    void stopWhateverHappened(List<RecordedPid> started) throws IOException, InterruptedException {
        // First what a test restarted: devstack's stop knows only the processes it launched, and it removes the pid
        // files, the only other record of these.
        stopRestarted();
        if (process.isAlive()) {
            // To a file: written straight to this JVM's stdout it would corrupt Failsafe's channel to the fork.
            command("stop").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(transcript.resolveSibling(
                            transcript.getFileName().toString().replace(".out", "-stop.out")).toFile()))
                    .start().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        stopRecorded(started);
    }

    // ---- killing and restarting one service ---------------------------------------------------------------------

    /**
     * What it takes to start a killed service again exactly as devstack had started it: its command line, its
     * environment (its database password among it, so it is kept in memory only), its working directory, its log.
     */
    record KilledService(String name, long pid, List<String> command, Map<String, String> environment,
                         Path directory, Path log) {

        @Override
        public String toString() {
            return name + " (pid " + pid + ")"; // never the environment
        }
    }

    /**
     * {@code kill -9} of one service devstack started: SIGKILL to the PID its pid file records (while that PID is
     * still the recorded process), no shutdown hook, nothing flushed, as when a machine dies. Reads what
     * {@link #restart} needs from {@code /proc} first, and waits until the process is gone.
     */
    KilledService kill(String name) throws IOException, InterruptedException {
        RecordedPid recorded = recordedProcesses().stream().filter(process -> process.name().equals(name))
                .findFirst().orElseThrow(() -> new IllegalStateException("devstack recorded no " + name));
        ProcessHandle handle = recorded.liveHandle()
                .orElseThrow(() -> new IllegalStateException(recorded + " is not running"));
        Path proc = Path.of("/proc", Long.toString(handle.pid()));
        List<String> command = nulSeparated(Files.readAllBytes(proc.resolve("cmdline")));
        Map<String, String> environment = new java.util.LinkedHashMap<>();
        for (String variable : nulSeparated(Files.readAllBytes(proc.resolve("environ")))) {
            int equals = variable.indexOf('=');
            if (equals > 0) {
                environment.put(variable.substring(0, equals), variable.substring(equals + 1));
            }
        }
        Path directory = Files.readSymbolicLink(proc.resolve("cwd"));
        if (!String.join(" ", command).equals(recorded.commandLine())) {
            throw new IllegalStateException(recorded + " runs another command line than recorded: " + command);
        }
        handle.destroyForcibly(); // SIGKILL
        try {
            handle.onExit().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(recorded + " did not die within 30 s of SIGKILL", e);
        }
        return new KilledService(name, handle.pid(), command, environment, directory,
                HOME.resolve("logs").resolve(name + ".log"));
    }

    /**
     * Starts a killed service again: the same command line (so the same ports), environment and working directory,
     * in a session of its own like devstack's, its output appended to its log. Records it in its pid file, so that
     * whatever stops this stack by PID finds it, and keeps the handle to stop it at the end.
     */
    Process restart(KilledService killed) throws IOException {
        List<String> command = new ArrayList<>();
        for (Path setsid : List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"))) {
            if (Files.isExecutable(setsid)) {
                command.add(setsid.toString());
                break;
            }
        }
        command.addAll(killed.command());
        ProcessBuilder builder = new ProcessBuilder(command).directory(killed.directory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(killed.log().toFile()));
        builder.environment().clear();
        builder.environment().putAll(killed.environment());
        Process started = builder.start();
        restarted.add(started);
        started.getOutputStream().close();
        // setsid execs java in the same process: the PID and the command line are the JVM's, as devstack records.
        Path pidFile = RUN.resolve(killed.name() + ".pid");
        Path temporary = Files.createTempFile(RUN, killed.name(), ".tmp");
        Files.write(temporary, List.of(Long.toString(started.pid()),
                started.toHandle().info().startInstant().map(Instant::toString).orElse("-"),
                String.join(" ", killed.command())));
        Files.move(temporary, pidFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return started;
    }

    /** SIGTERM to each restarted service, SIGKILL after 20 s. */
    private void stopRestarted() {
        for (Process service : restarted) {
            if (service.isAlive()) {
                service.destroy();
                try {
                    if (!service.waitFor(20, TimeUnit.SECONDS)) {
                        service.destroyForcibly();
                        service.waitFor(10, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    service.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static List<String> nulSeparated(byte[] bytes) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                parts.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            parts.add(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
        }
        return parts;
    }

    /** Stops, by PID, the given processes and whatever devstack still has recorded. */
    static void stopRecorded(List<RecordedPid> started) throws IOException {
        List<RecordedPid> all = new ArrayList<>(started);
        all.addAll(recordedProcesses());
        stopByPid(all);
    }

    /**
     * Copies devstack's output to the transcript file and to the test log; completes {@link #ready} with the ready
     * line (or fails it when devstack exits first) and {@link #classDataSaved}.
     */
    private void watchOutput() {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = process.inputReader(StandardCharsets.UTF_8);
                 PrintWriter copy = new PrintWriter(Files.newBufferedWriter(transcript), true)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                    copy.println(line);
                    System.out.println("[devstack] " + line);
                    if (line.startsWith(READY_LINE)) {
                        ready.complete(line);
                    } else if (line.contains(CLASS_DATA_SAVED)) {
                        classDataSaved.complete(line);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("devstack ended before it was ready"));
            classDataSaved.completeExceptionally(new IllegalStateException("devstack ended"));
        }, "devstack-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * {@code ./devstack <subcommand> --home <e2e home>}, run from the repository root like the README says, on the
     * JDK running this test (the script accepts any JAVA_HOME that is a JDK 21+).
     */
    static ProcessBuilder command(String subcommand) {
        ProcessBuilder builder = new ProcessBuilder("./devstack", subcommand, "--home", HOME.toString())
                .directory(REPOSITORY.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder;
    }

    /** What an earlier, failed run left running. */
    static void stopLeftoversOfAnEarlierRun() throws IOException {
        stopByPid(recordedProcesses());
    }

    // ---- pid files ---------------------------------------------------------------------------------------------

    /**
     * A process devstack recorded in {@code run/<name>.pid}: PID, start instant, command line. Alive only while all
     * three still match, so a reused PID is never signalled.
     */
    record RecordedPid(String name, long pid, String startedAt, String commandLine) {

        Optional<ProcessHandle> liveHandle() {
            return ProcessHandle.of(pid).filter(LocalDevStack::running)
                    .filter(handle -> handle.info().startInstant()
                            .map(Instant::toString).map(startedAt::equals).orElse(true))
                    .filter(handle -> handle.info().commandLine().map(commandLine::equals).orElse(false));
        }

        boolean isAlive() {
            return liveHandle().isPresent();
        }
    }

    /**
     * Alive and not a zombie: an exited postmaster waits as one until PID 1 reaps it, though it holds no port or
     * file any more, and {@link ProcessHandle#isAlive()} counts it as alive.
     */
    private static boolean running(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return process.isAlive() && state != 'Z' && state != 'X';
        } catch (IOException gone) {
            return false;
        }
    }

    static List<RecordedPid> recordedProcesses() throws IOException {
        List<RecordedPid> processes = new ArrayList<>();
        if (!Files.isDirectory(RUN)) {
            return processes;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(RUN, "*.pid")) {
            for (Path file : files) {
                List<String> lines = Files.readAllLines(file);
                if (lines.size() >= 3) {
                    String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                    long pid = Long.parseLong(lines.get(0).strip());
                    processes.add(new RecordedPid(name, pid, lines.get(1).strip(), lines.get(2)));
                }
            }
        }
        return processes;
    }

    /** Services first, then Redis and Postgres; each only while its PID still belongs to the recorded process. */
    static void stopByPid(List<RecordedPid> processes) {
        List<RecordedPid> order = new ArrayList<>(processes);
        order.sort((a, b) -> Integer.compare(stopStage(a), stopStage(b)));
        for (RecordedPid process : order) {
            process.liveHandle().ifPresent(handle -> {
                handle.destroy();
                try {
                    handle.onExit().get(20, TimeUnit.SECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    handle.destroyForcibly();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    private static int stopStage(RecordedPid process) {
        return switch (process.name()) {
            case "devstack" -> 0;
            case "redis" -> 2;
            case "postgres" -> 3;
            default -> 1;
        };
    }

    // ---- files -------------------------------------------------------------------------------------------------

    private static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isExecutable(directory.resolve("devstack"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("No ./devstack above " + Path.of("").toAbsolutePath());
        }
        return directory;
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}
