package com.fruitfulplanet.devstack;

import com.fruitfulplanet.devstack.cli.Command;
import com.fruitfulplanet.devstack.cli.CommandLine;
import com.fruitfulplanet.devstack.console.Console;
import com.fruitfulplanet.devstack.status.StatusCommand;
import com.fruitfulplanet.devstack.stop.StopCommand;
import com.fruitfulplanet.devstack.up.UpCommand;

import java.nio.file.Path;
import java.util.List;

/**
 * The one-command local platform: {@code ./devstack [up|stop|status|help]}. The {@code ./devstack} script picks a
 * JDK, builds what is stale and runs this class from the repository root, which is where service jars are looked up.
 */
public final class DevStack {

    public static void main(String[] args) {
        System.exit(run(List.of(args), Path.of("").toAbsolutePath(), Console.system()));
    }

    static int run(List<String> args, Path repositoryRoot, Console console) {
        try {
            return switch (CommandLine.parse(args, repositoryRoot)) {
                case Command.Help help -> {
                    console.line(CommandLine.usage());
                    yield 0;
                }
                case Command.Up up -> new UpCommand(up, repositoryRoot, console).run();
                case Command.Stop stop -> new StopCommand(stop, console).run();
                case Command.Status status -> new StatusCommand(status, console).run();
            };
        } catch (DevStackException e) {
            console.error(e.getMessage());
            return e.exitCode();
        }
    }

    private DevStack() {
    }
}
