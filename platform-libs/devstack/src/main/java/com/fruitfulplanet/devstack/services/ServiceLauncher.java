package com.fruitfulplanet.devstack.services;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.devstack.DevStackException;
import com.fruitfulplanet.devstack.home.DevStackHome;
import com.fruitfulplanet.devstack.process.RecordedProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Launches one service as its own JVM, with the same java binary devstack runs on, its output going to its own log
 * file. The code is the jar Maven built ({@code <module>/target/<module>.jar}), run from its unpacked copy when there
 * is one ({@link UnpackedJars}).
 */
public final class ServiceLauncher {

    /**
     * Seven JVMs share two cores: the C1 compiler alone and the serial collector start fastest and keep each JVM
     * small; 384 MiB of heap is ample for one service locally.
     */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m");
    /** Netty loads its native transport; from JDK 24 on that prints a warning on every start unless allowed. */
    private static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    private static final int NATIVE_ACCESS_SINCE = 22;

    /**
     * Ctrl-C signals the terminal's whole process group. Started in a session of their own, the services do not get
     * it directly; devstack stops them itself, before the infrastructure they need to shut down cleanly.
     */
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private final Path repositoryRoot;
    private final DevStackHome home;
    private final String java;
    private final Runtime.Version jvmVersion;
    private final Optional<Path> setsid;
    private final boolean canSaveClassData;
    private final UnpackedJars unpackedJars;

    /**
     * @param java        the java binary to run services with
     * @param jvmVersion  its version (the one running devstack, which uses its own binary)
     */
    ServiceLauncher(Path repositoryRoot, DevStackHome home, String java, Runtime.Version jvmVersion,
                    Optional<Path> setsid, boolean canSaveClassData) {
        this.repositoryRoot = repositoryRoot;
        this.home = home;
        this.java = java;
        this.jvmVersion = jvmVersion;
        this.setsid = setsid;
        this.canSaveClassData = canSaveClassData;
        this.unpackedJars = new UnpackedJars(java, home.apps());
    }

    /** Services run on the very java binary devstack runs on, so they get the JDK the script selected. */
    public static ServiceLauncher create(Path repositoryRoot, DevStackHome home) {
        String java = ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new ServiceLauncher(repositoryRoot, home, java, Runtime.version(),
                SETSID.stream().filter(Files::isExecutable).findFirst(),
                ClassDataArchives.jcmdBeside(java).isPresent());
    }

    public String java() {
        return java;
    }

    public Path jar(PlatformService service) {
        return moduleDirectory(service).resolve("target").resolve(service.applicationName() + ".jar");
    }

    /** Fails, naming every missing jar, before anything starts. */
    public void requireJars() {
        List<String> missing = Arrays.stream(PlatformService.values())
                .map(this::jar)
                .filter(jar -> !Files.isRegularFile(jar))
                .map(jar -> "  " + repositoryRoot.relativize(jar))
                .toList();
        if (!missing.isEmpty()) {
            throw new DevStackException(DevStackException.REFUSED, """
                    Service jars are missing (is %s the repository root?):
                    %s
                    Build them with ./mvnw -DskipTests package, or start through ./devstack, which builds what is \
                    missing."""
                    .formatted(repositoryRoot, String.join("\n", missing)));
        }
    }

    /** Starts unpacking the jars built since the last start; see {@link UnpackedJars}. */
    public UnpackedJars.Unpacking startUnpackingChangedJars() throws IOException {
        Map<String, Path> builtJars = new LinkedHashMap<>();
        for (PlatformService service : PlatformService.values()) {
            builtJars.put(service.applicationName(), jar(service));
        }
        return unpackedJars.startUnpackingChanged(builtJars);
    }

    /**
     * The service's command line as {@code ps} will show it; also what its pid file records. Runs the unpacked jar
     * when there is one, with its class-data archive if it was saved (else ready for {@link ClassDataArchives} to
     * save one), and the built executable jar otherwise.
     */
    List<String> javaCommand(PlatformService service) {
        String name = service.applicationName();
        Optional<Path> unpacked = unpackedJars.current(name, jar(service));
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(JVM_OPTIONS);
        if (jvmVersion.feature() >= NATIVE_ACCESS_SINCE) {
            command.add(NATIVE_ACCESS);
        }
        if (unpacked.isPresent()) {
            Path archive = unpackedJars.classDataArchive(name, jvmVersion);
            if (Files.isRegularFile(archive)) {
                command.add("-XX:SharedArchiveFile=" + archive);
                // The JVM reports on stdout e.g. which optimisations it skips; noise in the service's JSON log.
                command.add("-Xlog:cds*=off");
            } else if (canSaveClassData) {
                command.add("-XX:+RecordDynamicDumpInfo");
            }
        }
        // A JVM crash report goes beside the service's log, not into its module directory (the working directory).
        command.add("-XX:ErrorFile=" + home.logs().resolve(name + "-hs_err_pid%p.log"));
        // Tells anyone reading `ps` which devstack started this JVM.
        command.add("-Ddevstack.home=" + home.root());
        command.add("-jar");
        command.add(unpacked.orElse(jar(service)).toString());
        return command;
    }

    /**
     * Starts the service with devstack's own environment plus {@code environment} (which wins where both set a
     * variable).
     */
    public ServiceProcess launch(PlatformService service, Map<String, String> environment) throws IOException {
        Path log = home.serviceLog(service);
        DevStackHome.rotate(log);
        List<String> javaCommand = javaCommand(service);
        ProcessBuilder builder = new ProcessBuilder(
                Stream.concat(setsid.map(Path::toString).stream(), javaCommand.stream()).toList())
                .directory(moduleDirectory(service).toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        // The builder's environment starts as a copy of devstack's own, so whatever the caller of ./devstack set
        // (e.g. FRUITFULPLANET_AUTH_LOGIN_THROTTLE_MAX_DELAY=2s to try things locally; docs/development.md) reaches
        // every service; what devstack itself sets wins.
        builder.environment().putAll(environment);
        Process process = builder.start();
        // setsid execs java in the same process, so the PID and start time are the JVM's.
        RecordedProcess record = RecordedProcess.of(service.applicationName(), process.toHandle(),
                String.join(" ", javaCommand));
        Optional<Path> archiveToSave = javaCommand.contains("-XX:+RecordDynamicDumpInfo")
                ? Optional.of(unpackedJars.classDataArchive(service.applicationName(), jvmVersion))
                : Optional.empty();
        return new ServiceProcess(service, process, log, Instant.now(), record, archiveToSave);
    }

    /** The working directory, as for {@code mvn spring-boot:run}; keeps files a service writes inside its module. */
    private Path moduleDirectory(PlatformService service) {
        return repositoryRoot.resolve(service.applicationName());
    }
}
