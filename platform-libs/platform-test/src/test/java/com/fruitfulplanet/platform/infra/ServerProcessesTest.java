package com.fruitfulplanet.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerProcessesTest {

    @TempDir
    Path directory;

    /** A binary still open for writing cannot be executed (ETXTBSY) — until it is closed, a moment later. */
    @Test
    void aBinaryBusyForAMomentIsStartedOnceItIsFree() throws Exception {
        Path script = directory.resolve("server.sh");
        OutputStream writing = Files.newOutputStream(script);
        writing.write("#!/bin/sh\nexit 0\n".getBytes(StandardCharsets.UTF_8));
        writing.flush();
        script.toFile().setExecutable(true);
        assertThatThrownBy(() -> new ProcessBuilder(script.toString()).start())
                .as("the busy binary is refused without retries")
                .isInstanceOf(IOException.class).hasMessageContaining("Text file busy");

        Thread closer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100);
                writing.close();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Process process = ServerProcesses.start(new ProcessBuilder(script.toString()));

        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        closer.join();
    }

    @Test
    void otherFailuresAreNotRetried() {
        assertThatThrownBy(() -> ServerProcesses.start(new ProcessBuilder(directory.resolve("missing").toString())))
                .isInstanceOf(IOException.class).hasMessageNotContaining("Text file busy");
    }
}
