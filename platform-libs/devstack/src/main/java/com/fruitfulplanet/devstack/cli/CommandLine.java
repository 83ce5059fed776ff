package com.fruitfulplanet.devstack.cli;

import com.fruitfulplanet.devstack.DevStackException;
import com.fruitfulplanet.devstack.ports.LocalPorts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Parses {@code ./devstack [up|stop|status|help] [options]}; {@code up} is the default. */
public final class CommandLine {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(180);
    private static final String DEFAULT_HOME = ".devstack";
    private static final int MAX_TIMEOUT_SECONDS = 3600;

    public static Command parse(List<String> args, Path repositoryRoot) {
        Deque<String> rest = new ArrayDeque<>(args);
        String first = rest.peekFirst();
        boolean optionsOnly = first == null || (first.startsWith("--") && !first.equals("--help"));
        String subcommand = optionsOnly ? "up" : rest.removeFirst();
        return switch (subcommand) {
            case "up" -> parseUp(rest, repositoryRoot);
            case "stop" -> new Command.Stop(parseHomeOnly("stop", rest, repositoryRoot));
            case "status" -> new Command.Status(parseHomeOnly("status", rest, repositoryRoot));
            case "help", "-h", "--help" -> new Command.Help();
            case "java-home" -> throw usageError("'java-home' is answered by the ./devstack script, not devstack.jar.");
            default -> throw usageError("Unknown command '" + subcommand + "'.");
        };
    }

    private static Command.Up parseUp(Deque<String> rest, Path repositoryRoot) {
        Command.StackHome home = defaultHome(repositoryRoot);
        boolean wipe = false;
        Duration timeout = DEFAULT_TIMEOUT;
        while (!rest.isEmpty()) {
            Option option = Option.next(rest);
            switch (option.name()) {
                case "--home" -> home = home(option.requireValue(rest), repositoryRoot);
                case "--wipe" -> {
                    option.rejectValue();
                    wipe = true;
                }
                case "--timeout" -> timeout = timeout(option.requireValue(rest));
                default -> throw usageError("Unknown option '" + option.name() + "' for 'up'.");
            }
        }
        return new Command.Up(home, wipe, timeout);
    }

    private static Command.StackHome parseHomeOnly(String subcommand, Deque<String> rest, Path repositoryRoot) {
        Command.StackHome home = defaultHome(repositoryRoot);
        while (!rest.isEmpty()) {
            Option option = Option.next(rest);
            if (!option.name().equals("--home")) {
                throw usageError("Unknown option '" + option.name() + "' for '" + subcommand + "'.");
            }
            home = home(option.requireValue(rest), repositoryRoot);
        }
        return home;
    }

    private static Command.StackHome defaultHome(Path repositoryRoot) {
        return new Command.StackHome(repositoryRoot.resolve(DEFAULT_HOME).normalize(), "");
    }

    private static Command.StackHome home(String value, Path repositoryRoot) {
        if (value.isBlank()) {
            throw usageError("--home needs a folder.");
        }
        Path path = repositoryRoot.resolve(value).toAbsolutePath().normalize();
        return new Command.StackHome(path, " --home " + value);
    }

    private static Duration timeout(String value) {
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 1 && seconds <= MAX_TIMEOUT_SECONDS) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException ignored) {
            // reported below, like an out-of-range number
        }
        throw usageError("--timeout takes a number of seconds between 1 and %d, not '%s'."
                .formatted(MAX_TIMEOUT_SECONDS, value));
    }

    private static DevStackException usageError(String message) {
        return new DevStackException(DevStackException.REFUSED, message + " Run ./devstack help for usage.");
    }

    /** {@code --name value}, {@code --name=value} or a bare flag; {@code value} is null when not inline. */
    private record Option(String name, String inlineValue) {

        static Option next(Deque<String> rest) {
            String arg = rest.removeFirst();
            if (!arg.startsWith("--")) {
                throw usageError("Unexpected argument '" + arg + "'.");
            }
            int equals = arg.indexOf('=');
            return equals < 0 ? new Option(arg, null) : new Option(arg.substring(0, equals), arg.substring(equals + 1));
        }

        String requireValue(Deque<String> rest) {
            if (inlineValue != null) {
                return inlineValue;
            }
            if (rest.isEmpty() || rest.peekFirst().startsWith("--")) {
                throw usageError(name + " needs a value.");
            }
            return rest.removeFirst();
        }

        void rejectValue() {
            if (inlineValue != null) {
                throw usageError(name + " takes no value.");
            }
        }
    }

    public static String usage() {
        return """
                FruitfulPlanet devstack: the whole platform on this machine. Real PostgreSQL, Kafka (KRaft) and \
                Redis on 127.0.0.1, and every service as its own JVM.

                Usage: ./devstack [command] [options]

                Commands:
                  up           start everything; stays in the foreground until Ctrl-C (the default)
                  stop         stop the devstack running in another terminal
                  status       show each service's PID, URLs and live health
                  java-home    print the JDK (21 or newer) the script runs with
                  help         show this text

                Options:
                  --home DIR       data, logs, pid files and local secrets (default: .devstack in the repository)
                  --wipe           up: delete the data folder (PostgreSQL, Kafka, Redis) and start from scratch
                  --timeout SECS   up: how long the platform may take to become ready (default %d)

                Ports on 127.0.0.1: %s.
                """.formatted(DEFAULT_TIMEOUT.toSeconds(), LocalPorts.summary()).stripTrailing();
    }

    private CommandLine() {
    }
}
