package com.fruitfulplanet.platform.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 18 server (zonky's binaries from Maven Central, no Docker) listening on 127.0.0.1 only.
 *
 * <p>With a data directory it is persistent: {@code initdb} runs only the first time and every later start reuses
 * the data, which is what devstack wants. Without one it is throwaway: a fresh directory under {@code java.io.tmpdir}
 * that is deleted on {@link #close()}, which is what tests want.
 *
 * <p>Authentication: the superuser {@code postgres} is trusted on loopback (tools and provisioning need no secret);
 * every other role must give its SCRAM password, so a service's credentials are checked as in production.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    static final String LISTEN_ADDRESS = "127.0.0.1";
    private static final String SUPERUSER = "postgres";
    /** Not checked (the superuser is trusted on loopback), but some clients refuse an empty password. */
    private static final String SUPERUSER_PASSWORD = "postgres";
    /** zonky's own lock file in the data directory, held by the JVM running the server. */
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    private static final String HBA = """
            # Written by EmbeddedPostgresServer at every start: only loopback, the superuser trusted,
            # every other role with its password.
            local all postgres trust
            host  all postgres 127.0.0.1/32 trust
            local all all scram-sha-256
            host  all all 127.0.0.1/32 scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final ProcessHandle postmaster;
    private final ExitHook exitHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, ProcessHandle postmaster) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.postmaster = postmaster;
        this.exitHook = ExitHook.register("postgres-" + postgres.getPort(), this);
    }

    /**
     * Starts a server and waits until it accepts connections.
     *
     * @param dataDirectory where the cluster lives and survives restarts; {@code null} for a throwaway one
     * @param port          TCP port on 127.0.0.1; 0 for any free one
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        boolean persistent = dataDirectory != null;
        Path directory = persistent ? dataDirectory.toAbsolutePath() : newScratchDirectory();
        int chosenPort = FreePorts.orFree(port);
        if (persistent) {
            stopOrphanedPostmaster(directory);
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    // Clean means: initdb every start and delete on close. Only for the throwaway directory.
                    .setCleanDataDirectory(!persistent)
                    .setPort(chosenPort)
                    .setServerConfig("listen_addresses", LISTEN_ADDRESS)
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setDataDirectoryCustomizer(EmbeddedPostgresServer::writeHba)
                    // Our own hook also makes sure the postmaster is gone, not only asked to stop.
                    .setRegisterShutdownHook(false)
                    .start();
            ProcessHandle postmaster = ServerProcesses.fromPidFile(directory.resolve("postmaster.pid"))
                    .orElseThrow(() -> new IllegalStateException("Postgres started but left no running postmaster in "
                            + directory.resolve("postmaster.pid")));
            log.info("PostgreSQL listening on {}:{} (pid {}, {} data in {})", LISTEN_ADDRESS, chosenPort,
                    postmaster.pid(), persistent ? "persistent" : "throwaway", directory);
            return new EmbeddedPostgresServer(postgres, directory, postmaster);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Could not start PostgreSQL on " + LISTEN_ADDRESS + ":" + chosenPort
                    + " with data in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The superuser on the {@code postgres} database; provisioning uses it to create databases and roles. */
    public PostgresEndpoint superuser() {
        return new PostgresEndpoint(LISTEN_ADDRESS, postgres.getPort(), "postgres", SUPERUSER, SUPERUSER_PASSWORD);
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Process id of the postmaster. */
    public long pid() {
        return postmaster.pid();
    }

    /** Stops the server (fast shutdown: open sessions are ended) and returns once its process is gone. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        exitHook.unregister();
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("pg_ctl stop failed for the server on port {}", port(), e);
        }
        // pg_ctl waits a few seconds at most and zonky only logs a failure: make sure the postmaster really is gone.
        ServerProcesses.stop(postmaster, "INT");
        log.info("PostgreSQL on port {} stopped", port());
    }

    /**
     * Throwaway clusters live beside zonky's unpacked binaries, where its start-up sweep removes directories whose
     * JVM died, stopping any postmaster left in them.
     */
    private static Path newScratchDirectory() {
        try {
            String tmp = System.getProperty("java.io.tmpdir");
            Path parent = Path.of(System.getProperty("ot.epg.working-dir", tmp + File.separator + "embedded-pg"));
            return Files.createTempDirectory(Files.createDirectories(parent), "data-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a scratch directory for PostgreSQL", e);
        }
    }

    private static void stopOrphanedPostmaster(Path directory) {
        if (!Files.isDirectory(directory) || !Files.exists(directory.resolve("postmaster.pid"))) {
            return;
        }
        try (DirectoryLock ignored = DirectoryLock.acquire(directory.resolve(ZONKY_LOCK_FILE))) {
            ServerProcesses.stopOrphan(directory.resolve("postmaster.pid"), "postgres", "INT");
        }
    }

    private static void writeHba(File directory) {
        try {
            Files.writeString(directory.toPath().resolve("pg_hba.conf"), HBA);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write pg_hba.conf in " + directory, e);
        }
    }
}
