package com.fruitfulplanet.devstack.services;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.devstack.DevStackException;
import com.fruitfulplanet.devstack.home.DevStackHome;
import com.fruitfulplanet.devstack.infra.InfraAddresses;
import com.fruitfulplanet.devstack.secrets.LocalSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceLauncherTest {

    private static final InfraAddresses INFRA = new InfraAddresses("127.0.0.1", 15432, "127.0.0.1:19092", "127.0.0.1", 16379);

    @TempDir
    Path repository;

    @Test
    void launchesTheModuleJarWithTheSameJavaAndFlagsForTwoCores() {
        ServiceLauncher launcher = new ServiceLauncher(repository, new DevStackHome(repository.resolve(".devstack")),
                "/jdk/bin/java", Runtime.Version.parse("25.0.3+9"), Optional.empty(), true);

        List<String> command = launcher.javaCommand(PlatformService.ORDER);

        assertThat(command.getFirst()).isEqualTo("/jdk/bin/java");
        assertThat(command).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m",
                "-XX:ErrorFile=" + repository.resolve(".devstack/logs/order-service-hs_err_pid%p.log"));
        assertThat(command.subList(command.size() - 2, command.size()))
                .containsExactly("-jar", repository.resolve("order-service/target/order-service.jar").toString());
    }

    @Test
    void allowsNativeAccessOnlyOnJdksThatKnowTheOption() {
        DevStackHome home = new DevStackHome(repository.resolve(".devstack"));
        ServiceLauncher onJdk21 = new ServiceLauncher(repository, home, "/jdk21/bin/java",
                Runtime.Version.parse("21"), Optional.empty(), true);
        ServiceLauncher onJdk25 = new ServiceLauncher(repository, home, "/jdk25/bin/java",
                Runtime.Version.parse("25.0.3+9"), Optional.empty(), true);

        assertThat(onJdk21.javaCommand(PlatformService.GATEWAY)).doesNotContain("--enable-native-access=ALL-UNNAMED");
        assertThat(onJdk25.javaCommand(PlatformService.GATEWAY)).contains("--enable-native-access=ALL-UNNAMED");
    }

    @Test
    void passwordsGoToTheEnvironmentNeverToTheCommandLine() throws IOException {
        LocalSecrets secrets = LocalSecrets.loadOrCreate(repository.resolve("secrets.properties"), List.of("ordering"));
        ServiceLauncher launcher = new ServiceLauncher(repository, new DevStackHome(repository.resolve(".devstack")),
                "/jdk/bin/java", Runtime.Version.parse("25.0.3+9"), Optional.empty(), true);

        Map<String, String> environment = ServiceEnvironment.of(PlatformService.ORDER, INFRA, secrets);

        assertThat(environment).containsEntry("FRUITFULPLANET_DATABASE_PASSWORD", secrets.databasePassword("ordering"));
        assertThat(String.join(" ", launcher.javaCommand(PlatformService.ORDER)))
                .doesNotContain(secrets.databasePassword("ordering"));
    }

    @Test
    void onlyAuthServiceGetsTheBootstrapAdminAndOnlyThroughItsEnvironment() throws IOException {
        LocalSecrets secrets = LocalSecrets.loadOrCreate(repository.resolve("secrets.properties"),
                List.of("auth", "catalog"));
        ServiceLauncher launcher = new ServiceLauncher(repository, new DevStackHome(repository.resolve(".devstack")),
                "/jdk/bin/java", Runtime.Version.parse("25.0.3+9"), Optional.empty(), true);

        Map<String, String> auth = ServiceEnvironment.of(PlatformService.AUTH, INFRA, secrets);
        Map<String, String> catalog = ServiceEnvironment.of(PlatformService.CATALOG, INFRA, secrets);

        assertThat(auth).containsEntry("FRUITFULPLANET_AUTH_BOOTSTRAP_ADMIN_EMAIL", "admin@fruitfulplanet.local")
                .containsEntry("FRUITFULPLANET_AUTH_BOOTSTRAP_ADMIN_PASSWORD", secrets.adminPassword());
        assertThat(catalog).doesNotContainKeys("FRUITFULPLANET_AUTH_BOOTSTRAP_ADMIN_EMAIL",
                "FRUITFULPLANET_AUTH_BOOTSTRAP_ADMIN_PASSWORD");
        assertThat(String.join(" ", launcher.javaCommand(PlatformService.AUTH)))
                .doesNotContain(secrets.adminPassword());
    }

    @Test
    void onlyCatalogServiceLoadsTheDemoCatalog() throws IOException {
        LocalSecrets secrets = LocalSecrets.loadOrCreate(repository.resolve("secrets.properties"),
                List.of("catalog", "ordering"));

        assertThat(ServiceEnvironment.of(PlatformService.CATALOG, INFRA, secrets))
                .containsEntry("FRUITFULPLANET_CATALOG_DEMODATA_ENABLED", "true");
        assertThat(ServiceEnvironment.of(PlatformService.ORDER, INFRA, secrets))
                .doesNotContainKey("FRUITFULPLANET_CATALOG_DEMODATA_ENABLED");
    }

    @Test
    void eachServiceGetsOnlyTheInfrastructureItUses() throws IOException {
        LocalSecrets secrets = LocalSecrets.loadOrCreate(repository.resolve("secrets.properties"), List.of("payment"));

        Map<String, String> gateway = ServiceEnvironment.of(PlatformService.GATEWAY, INFRA, secrets);
        Map<String, String> payment = ServiceEnvironment.of(PlatformService.PAYMENT, INFRA, secrets);

        assertThat(gateway).containsEntry("SPRING_DATA_REDIS_HOST", "127.0.0.1")
                .containsEntry("SPRING_DATA_REDIS_PORT", "16379")
                .containsEntry("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0")
                .doesNotContainKeys("FRUITFULPLANET_DATABASE_PASSWORD", "SPRING_KAFKA_BOOTSTRAP_SERVERS");
        assertThat(payment).containsEntry("FRUITFULPLANET_DATABASE_HOST", "127.0.0.1")
                .containsEntry("FRUITFULPLANET_DATABASE_PORT", "15432")
                .containsEntry("FRUITFULPLANET_DATABASE_NAME", "fruitfulplanet")
                .containsEntry("FRUITFULPLANET_DATABASE_USERNAME", "payment")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092")
                .doesNotContainKey("SPRING_DATA_REDIS_HOST");
    }

    @Test
    void namesEveryMissingJarBeforeAnythingStarts() throws IOException {
        Path gatewayJar = repository.resolve("gateway/target/gateway.jar");
        Files.createDirectories(gatewayJar.getParent());
        Files.createFile(gatewayJar);
        ServiceLauncher launcher = new ServiceLauncher(repository, new DevStackHome(repository.resolve(".devstack")),
                "/jdk/bin/java", Runtime.Version.parse("25.0.3+9"), Optional.empty(), true);

        assertThatThrownBy(launcher::requireJars)
                .isInstanceOfSatisfying(DevStackException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("auth-service/target/auth-service.jar")
                .hasMessageContaining("sync-1c-service/target/sync-1c-service.jar")
                .hasMessageNotContaining("gateway/target/gateway.jar");
    }
}
