package com.fruitfulplanet.devstack.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalSecretsTest {

    @TempDir
    Path home;

    @Test
    void createsOneStrongPasswordPerRoleInAnOwnerOnlyFile() throws IOException {
        Path file = home.resolve("secrets.properties");

        LocalSecrets secrets = LocalSecrets.loadOrCreate(file, List.of("auth", "catalog"));

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(secrets.databasePassword("auth"))
                .hasSizeGreaterThanOrEqualTo(32)
                .matches("[A-Za-z0-9_-]+")
                .isNotEqualTo(secrets.databasePassword("catalog"));
        assertThat(Files.readString(file))
                .contains("database.auth.password=" + secrets.databasePassword("auth"))
                .contains("database.catalog.password=" + secrets.databasePassword("catalog"));
        try (var files = Files.list(home)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void reusesStoredPasswordsAndAddsOnlyMissingOnes() throws IOException {
        Path file = home.resolve("secrets.properties");
        LocalSecrets first = LocalSecrets.loadOrCreate(file, List.of("auth"));

        LocalSecrets second = LocalSecrets.loadOrCreate(file, List.of("auth", "payment"));
        LocalSecrets third = LocalSecrets.loadOrCreate(file, List.of("auth", "payment"));

        assertThat(second.databasePassword("auth")).isEqualTo(first.databasePassword("auth"));
        assertThat(third.databasePassword("payment")).isEqualTo(second.databasePassword("payment"));
    }

    @Test
    void doesNotRewriteAnUnchangedFile() throws IOException {
        Path file = home.resolve("secrets.properties");
        LocalSecrets.loadOrCreate(file, List.of("auth"));
        String before = Files.readString(file);

        LocalSecrets.loadOrCreate(file, List.of("auth"));

        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void tightensPermissionsSomeoneLoosened() throws IOException {
        Path file = home.resolve("secrets.properties");
        LocalSecrets.loadOrCreate(file, List.of("auth"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        LocalSecrets.loadOrCreate(file, List.of("auth"));

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void generatesTheBootstrapAdminPasswordOnceInTheSameFile() throws IOException {
        Path file = home.resolve("secrets.properties");

        LocalSecrets first = LocalSecrets.loadOrCreate(file, List.of("auth"));
        LocalSecrets second = LocalSecrets.loadOrCreate(file, List.of("auth", "catalog"));

        assertThat(first.adminPassword())
                .hasSizeGreaterThanOrEqualTo(32)
                .matches("[A-Za-z0-9_-]+")
                .isNotEqualTo(first.databasePassword("auth"));
        assertThat(second.adminPassword()).isEqualTo(first.adminPassword());
        assertThat(Files.readString(file)).contains("auth.bootstrap-admin.password=" + first.adminPassword());
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void addsTheAdminPasswordToAFileWrittenBeforeThereWasOne() throws IOException {
        Path file = home.resolve("secrets.properties");
        Files.writeString(file, "database.auth.password=kept-from-an-earlier-version\n");

        LocalSecrets secrets = LocalSecrets.loadOrCreate(file, List.of("auth"));

        assertThat(secrets.databasePassword("auth")).isEqualTo("kept-from-an-earlier-version");
        assertThat(secrets.adminPassword()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(Files.readString(file))
                .contains("database.auth.password=kept-from-an-earlier-version")
                .contains("auth.bootstrap-admin.password=" + secrets.adminPassword());
        assertThat(LocalSecrets.loadOrCreate(file, List.of("auth")).adminPassword())
                .isEqualTo(secrets.adminPassword());
    }

    @Test
    void neverShowsPasswordsInToStringAndRejectsUnknownRoles() throws IOException {
        LocalSecrets secrets = LocalSecrets.loadOrCreate(home.resolve("secrets.properties"), List.of("auth"));

        assertThat(secrets.toString()).doesNotContain(secrets.databasePassword("auth"))
                .doesNotContain(secrets.adminPassword());
        assertThatThrownBy(() -> secrets.databasePassword("gateway")).isInstanceOf(IllegalArgumentException.class);
    }
}
