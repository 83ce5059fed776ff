package com.fruitfulplanet.devstack.home;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DevStackHomeTest {

    @TempDir
    Path root;

    @Test
    void wipeDeletesTheDataButKeepsLogsAndSecrets() throws IOException {
        DevStackHome home = new DevStackHome(root);
        home.createDirectories();
        Files.writeString(home.postgresData().resolve("PG_VERSION"), "18");
        Files.createDirectories(home.kafkaData().resolve("order.v1-0"));
        Files.writeString(home.secrets(), "database.auth.password=x");
        Files.writeString(home.devStackLog(), "log");

        home.wipeData();

        assertThat(home.data()).doesNotExist();
        assertThat(home.secrets()).exists();
        assertThat(home.devStackLog()).exists();
        home.wipeData();
    }

    @Test
    void rotateKeepsThePreviousLog() throws IOException {
        Path log = Files.writeString(root.resolve("gateway.log"), "run 1");
        Files.writeString(root.resolve("gateway.log.1"), "run 0");

        DevStackHome.rotate(log);

        assertThat(log).doesNotExist();
        assertThat(root.resolve("gateway.log.1")).hasContent("run 1");
        DevStackHome.rotate(log);
    }
}
