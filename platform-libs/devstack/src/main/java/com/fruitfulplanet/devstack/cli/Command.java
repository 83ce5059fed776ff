package com.fruitfulplanet.devstack.cli;

import java.nio.file.Path;
import java.time.Duration;

/** What the user asked for, parsed from the command line. */
public sealed interface Command {

    /**
     * Start everything and stay in the foreground.
     *
     * @param home    where data, logs, pid files and secrets live
     * @param wipe    delete the data folder before starting
     * @param timeout how long the whole platform may take to become ready
     */
    record Up(StackHome home, boolean wipe, Duration timeout) implements Command {
    }

    /** Stop the devstack running for a home, from another terminal. */
    record Stop(StackHome home) implements Command {
    }

    /** Show the services of the devstack running for a home, with live health. */
    record Status(StackHome home) implements Command {
    }

    record Help() implements Command {
    }

    /**
     * The home folder a command works on, and the option that names it again in hints we print (empty when it is
     * the default), so "run ./devstack stop" advice points at the same devstack.
     */
    record StackHome(Path path, String option) {

        public String hint(String subcommand) {
            return "./devstack " + subcommand + option;
        }
    }
}
