package com.fruitfulplanet.devstack.cli;

import com.fruitfulplanet.devstack.DevStackException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {

    private static final Path REPO = Path.of("/repo");

    private static Command parse(String... args) {
        return CommandLine.parse(Arrays.asList(args), REPO);
    }

    @Test
    void noArgumentsMeansUpWithDefaults() {
        assertThat(parse()).isEqualTo(new Command.Up(
                new Command.StackHome(Path.of("/repo/.devstack"), ""), false, Duration.ofSeconds(180)));
    }

    @Test
    void optionsWithoutSubcommandMeanUp() {
        Command.Up up = (Command.Up) parse("--wipe");
        assertThat(up.wipe()).isTrue();
    }

    @Test
    void upTakesHomeWipeAndTimeoutInBothSpellings() {
        Command.Up up = (Command.Up) parse("up", "--home", "e2e/target/home", "--wipe", "--timeout=30");
        assertThat(up.home().path()).isEqualTo(Path.of("/repo/e2e/target/home"));
        assertThat(up.wipe()).isTrue();
        assertThat(up.timeout()).isEqualTo(Duration.ofSeconds(30));

        Command.Up inline = (Command.Up) parse("up", "--home=/abs/home", "--timeout", "90");
        assertThat(inline.home().path()).isEqualTo(Path.of("/abs/home"));
        assertThat(inline.timeout()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void hintsRepeatTheHomeOptionOnlyWhenItWasGiven() {
        assertThat(((Command.Stop) parse("stop")).home().hint("stop")).isEqualTo("./devstack stop");
        assertThat(((Command.Up) parse("--home", "h")).home().hint("stop")).isEqualTo("./devstack stop --home h");
    }

    @Test
    void stopAndStatusTakeAHome() {
        assertThat(parse("stop", "--home", "x")).isEqualTo(new Command.Stop(new Command.StackHome(Path.of("/repo/x"), " --home x")));
        assertThat(parse("status")).isEqualTo(new Command.Status(new Command.StackHome(Path.of("/repo/.devstack"), "")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "-h", "--help"})
    void helpInAllSpellings(String arg) {
        assertThat(parse(arg)).isInstanceOf(Command.Help.class);
    }

    @Test
    void usageNamesEveryCommandAndThePorts() {
        assertThat(CommandLine.usage())
                .contains("up", "stop", "status", "java-home", "--home", "--wipe", "--timeout")
                .contains("services 8080-8086, management 9080-9086, PostgreSQL 15432, Kafka 19092 (controller 19093), Redis 16379");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "start",
            "up --verbose",
            "up --timeout",
            "up --timeout 0",
            "up --timeout soon",
            "up --timeout 99999",
            "up --wipe=yes",
            "up --home",
            "up --home=",
            "up extra",
            "stop --wipe",
            "status --timeout 5",
            "java-home"})
    void rejectsWhatItDoesNotUnderstandWithExitCode2(String line) {
        List<String> args = Arrays.asList(line.split(" "));
        assertThatThrownBy(() -> CommandLine.parse(args, REPO))
                .isInstanceOfSatisfying(DevStackException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).endsWith("Run ./devstack help for usage.");
                });
    }
}
