package com.fruitfulplanet.devstack.services;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.devstack.home.DevStackHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

class UnpackedJarsTest {

    @TempDir
    Path repository;

    @Test
    void servicesStartFromTheBuiltJarUntilItIsUnpacked() throws IOException {
        DevStackHome home = new DevStackHome(repository.resolve(".devstack"));
        Path built = builtJar("gateway");
        ServiceLauncher launcher = new ServiceLauncher(repository, home, "/jdk/bin/java",
                Runtime.Version.parse("25.0.3+9"), Optional.empty(), true);

        List<String> command = launcher.javaCommand(PlatformService.GATEWAY);

        assertThat(command).endsWith("-jar", built.toString());
        assertThat(command).noneMatch(option -> option.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void anUnpackedJarFirstStartsReadyToHaveItsClassDataSavedThenWithIt() throws IOException {
        DevStackHome home = new DevStackHome(repository.resolve(".devstack"));
        Path built = builtJar("gateway");
        Path unpacked = unpackedAsIf(home, "gateway", built);
        ServiceLauncher launcher = new ServiceLauncher(repository, home, "/jdk/bin/java",
                Runtime.Version.parse("25.0.3+9"), Optional.empty(), true);

        List<String> first = launcher.javaCommand(PlatformService.GATEWAY);
        Files.writeString(home.apps().resolve("gateway/gateway-25.0.3+9.jsa"), "class data");
        List<String> later = launcher.javaCommand(PlatformService.GATEWAY);

        assertThat(first).endsWith("-jar", unpacked.toString());
        assertThat(first).contains("-XX:+RecordDynamicDumpInfo")
                .noneMatch(option -> option.startsWith("-XX:SharedArchiveFile"));
        assertThat(later).endsWith("-jar", unpacked.toString());
        assertThat(later).contains("-XX:SharedArchiveFile=" + home.apps().resolve("gateway/gateway-25.0.3+9.jsa"))
                .doesNotContain("-XX:+RecordDynamicDumpInfo");
    }

    @Test
    void withoutJcmdNoClassDataIsPreparedFor() throws IOException {
        DevStackHome home = new DevStackHome(repository.resolve(".devstack"));
        unpackedAsIf(home, "gateway", builtJar("gateway"));
        ServiceLauncher onAJre = new ServiceLauncher(repository, home, "/jre/bin/java",
                Runtime.Version.parse("25.0.3+9"), Optional.empty(), false);

        assertThat(onAJre.javaCommand(PlatformService.GATEWAY)).doesNotContain("-XX:+RecordDynamicDumpInfo");
    }

    @Test
    void aNewBuildMakesTheUnpackedCopyStale() throws IOException {
        DevStackHome home = new DevStackHome(repository.resolve(".devstack"));
        Path built = builtJar("gateway");
        unpackedAsIf(home, "gateway", built);
        UnpackedJars jars = new UnpackedJars("/jdk/bin/java", home.apps());
        assertThat(jars.current("gateway", built)).isPresent();

        Files.writeString(built, "rebuilt, one byte longer");
        Files.setLastModifiedTime(built, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(jars.current("gateway", built)).isEmpty();
    }

    @Test
    void onlySpringBootJarsWithTheExtractionToolAreUnpacked() throws IOException {
        Path plain = repository.resolve("plain.jar");
        Manifest plainManifest = new Manifest();
        plainManifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        plainManifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Main");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(plain), plainManifest)) {
            jar.putNextEntry(new JarEntry("Main.class"));
        }
        Path boot = repository.resolve("boot.jar");
        Manifest bootManifest = new Manifest();
        bootManifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        bootManifest.getMainAttributes().putValue("Spring-Boot-Version", "4.0.7");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(boot), bootManifest)) {
            jar.putNextEntry(new JarEntry("BOOT-INF/lib/spring-boot-jarmode-tools-4.0.7.jar"));
        }

        assertThat(UnpackedJars.canUnpack(plain)).isFalse();
        assertThat(UnpackedJars.canUnpack(boot)).isTrue();
        assertThat(UnpackedJars.canUnpack(repository.resolve("missing.jar"))).isFalse();
    }

    private Path builtJar(String name) throws IOException {
        Path jar = repository.resolve(name).resolve("target").resolve(name + ".jar");
        Files.createDirectories(jar.getParent());
        return Files.writeString(jar, "an executable jar");
    }

    /** What {@link UnpackedJars#unpackChanged} leaves behind; the real extraction needs a Spring Boot jar. */
    private static Path unpackedAsIf(DevStackHome home, String name, Path built) throws IOException {
        Path directory = Files.createDirectories(home.apps().resolve(name));
        Files.writeString(directory.resolve(".unpacked-from"), UnpackedJars.stamp(built));
        return Files.writeString(directory.resolve(name + ".jar"), "the application classes");
    }
}
