package com.fruitfulplanet.devstack.home;

import com.fruitfulplanet.contracts.platform.PlatformService;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The layout of a devstack home folder (by default {@code .devstack} in the repository):
 * <pre>
 * data/postgres, data/kafka, data/redis   kept across restarts; deleted by up --wipe
 * logs/&lt;service&gt;.log, logs/devstack.log   one file per process, rewritten on every up (the previous run's as .1)
 * apps/&lt;service&gt;/                       the services' jars unpacked for faster starts, redone after each build
 * run/&lt;name&gt;.pid                         the processes of the running devstack, for stop and status
 * secrets.properties                      generated local passwords, owner-only
 * </pre>
 */
public record DevStackHome(Path root) {

    public Path data() {
        return root.resolve("data");
    }

    public Path postgresData() {
        return data().resolve("postgres");
    }

    public Path kafkaData() {
        return data().resolve("kafka");
    }

    public Path redisData() {
        return data().resolve("redis");
    }

    public Path apps() {
        return root.resolve("apps");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path serviceLog(PlatformService service) {
        return logs().resolve(service.applicationName() + ".log");
    }

    public Path devStackLog() {
        return logs().resolve("devstack.log");
    }

    public Path run() {
        return root.resolve("run");
    }

    public Path secrets() {
        return root.resolve("secrets.properties");
    }

    public void createDirectories() throws IOException {
        for (Path directory : new Path[] {postgresData(), kafkaData(), redisData(), logs(), run()}) {
            Files.createDirectories(directory);
        }
    }

    /** Deletes the data of PostgreSQL, Kafka and Redis; logs and secrets stay. */
    public void wipeData() throws IOException {
        Directories.deleteRecursively(data());
    }

    /** Moves last run's log aside as {@code <name>.1}, so each run's log starts empty but the previous one is kept. */
    public static void rotate(Path log) throws IOException {
        if (Files.exists(log)) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
