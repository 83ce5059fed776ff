package com.fruitfulplanet.devstack.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessRegistryTest {

    @TempDir
    Path run;

    @Test
    void aRecordedLiveProcessIsFoundAgainFromItsPidFile() {
        ProcessRegistry registry = new ProcessRegistry(run);

        registry.recordCurrent();

        assertThat(run.resolve("devstack.pid")).exists();
        Optional<RecordedProcess> read = registry.read(ProcessRegistry.DEVSTACK);
        assertThat(read).isPresent();
        assertThat(read.get().pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(read.get().liveHandle()).contains(ProcessHandle.current());
    }

    @Test
    void thePidFileStartsWithThePidSoShellToolsCanReadIt() throws IOException {
        new ProcessRegistry(run).recordCurrent();

        assertThat(Files.readAllLines(run.resolve("devstack.pid")).getFirst())
                .isEqualTo(Long.toString(ProcessHandle.current().pid()));
    }

    @Test
    void aReusedPidIsNotOursWhenTheCommandLineDiffers() {
        ProcessHandle self = ProcessHandle.current();
        RecordedProcess other = RecordedProcess.of("gateway", self, "/usr/bin/java -jar somebody-else.jar");

        assertThat(other.liveHandle()).isEmpty();
    }

    @Test
    void aReusedPidIsNotOursWhenTheStartTimeDiffers() {
        ProcessHandle self = ProcessHandle.current();
        RecordedProcess earlier = new RecordedProcess("gateway", self.pid(),
                Optional.of(Instant.parse("2001-01-01T00:00:00Z")), self.info().commandLine().orElseThrow());

        assertThat(earlier.liveHandle()).isEmpty();
    }

    @Test
    void anExitedProcessIsNotLive() throws Exception {
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        RecordedProcess recorded = RecordedProcess.of("short", process.toHandle(), "irrelevant");
        process.waitFor();

        assertThat(recorded.liveHandle()).isEmpty();
    }

    @Test
    void childrenExcludeDevStackAndStopInDependencyOrder() {
        ProcessRegistry registry = new ProcessRegistry(run);
        registry.recordCurrent();
        for (String name : List.of("postgres", "redis", "gateway", "auth-service")) {
            registry.record(new RecordedProcess(name, 1, Optional.empty(), "cmd " + name));
        }

        List<RecordedProcess> children = registry.children();

        assertThat(children).extracting(RecordedProcess::name)
                .containsExactly("auth-service", "gateway", "postgres", "redis");
        assertThat(ProcessRegistry.stopStages(children))
                .extracting(stage -> stage.stream().map(RecordedProcess::name).toList())
                .containsExactly(List.of("auth-service", "gateway"), List.of("redis"), List.of("postgres"));
    }

    @Test
    void aDamagedPidFileIsIgnored() throws IOException {
        Files.writeString(run.resolve("gateway.pid"), "not a pid\n");
        Files.writeString(run.resolve("auth-service.pid"), "42\n");

        ProcessRegistry registry = new ProcessRegistry(run);

        assertThat(registry.read("gateway")).isEmpty();
        assertThat(registry.children()).isEmpty();
    }

    @Test
    void recordsRoundTripThroughTheFile() {
        ProcessRegistry registry = new ProcessRegistry(run);
        RecordedProcess recorded = new RecordedProcess("redis", 4242,
                Optional.of(Instant.parse("2026-11-21T10:15:30.120Z")), "/tmp/redis-server 127.0.0.1:16379");
        RecordedProcess noStartTime = new RecordedProcess("postgres", 4343, Optional.empty(), "postgres -D data");

        registry.record(recorded);
        registry.record(noStartTime);

        assertThat(registry.read("redis")).contains(recorded);
        assertThat(registry.read("postgres")).contains(noStartTime);
    }

    @Test
    void removeAllDeletesEveryPidFileAndToleratesAMissingFolder() {
        ProcessRegistry registry = new ProcessRegistry(run);
        registry.recordCurrent();
        registry.record(new RecordedProcess("gateway", 1, Optional.empty(), "cmd"));

        registry.removeAll();

        assertThat(run).isEmptyDirectory();
        new ProcessRegistry(run.resolve("never-created")).removeAll();
    }
}
