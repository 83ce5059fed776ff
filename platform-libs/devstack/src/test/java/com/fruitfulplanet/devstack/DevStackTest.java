package com.fruitfulplanet.devstack;

import com.fruitfulplanet.devstack.console.Console;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DevStackTest {

    @TempDir
    Path repository;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), repository);
        return DevStack.run(List.of(args), repository, console);
    }

    @Test
    void helpPrintsUsage() {
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: ./devstack [command] [options]");
    }

    @Test
    void aUsageErrorIsOneClearLineWithoutStackTrace() {
        assertThat(run("up", "--frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("Unknown option '--frobnicate' for 'up'. Run ./devstack help for usage.");
    }

    @Test
    void upWithoutServiceJarsRefusesBeforeStartingAnything() {
        assertThat(run("up")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Service jars are missing");
        assertThat(repository.resolve(".devstack/run/devstack.pid")).doesNotExist();
    }

    @Test
    void stopAndStatusSayWhenNothingRuns() {
        assertThat(run("stop")).isZero();
        assertThat(run("status")).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("No devstack is running for .devstack.")
                .contains("Start one with ./devstack up.");
    }
}
