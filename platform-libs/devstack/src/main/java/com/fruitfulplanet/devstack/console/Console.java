package com.fruitfulplanet.devstack.console;

import org.slf4j.Logger;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What devstack tells the person at the terminal. Plain ASCII, since terminals with a POSIX locale print anything
 * else as question marks. While {@code up} runs, every line also goes to {@code logs/devstack.log}.
 */
public final class Console {

    private final PrintStream out;
    private final PrintStream err;
    private final Path workingDirectory;
    /** Null until {@code up} has a log file to copy its output to. */
    private volatile Logger transcript;

    public Console(PrintStream out, PrintStream err, Path workingDirectory) {
        this.out = out;
        this.err = err;
        this.workingDirectory = workingDirectory;
    }

    public static Console system() {
        return new Console(System.out, System.err, Path.of("").toAbsolutePath());
    }

    /** Also keep a copy of everything printed from now on. */
    public void transcribeTo(Logger transcript) {
        this.transcript = transcript;
    }

    public void line(String text) {
        out.println(text);
        Logger copy = transcript;
        if (copy != null) {
            copy.info(text);
        }
    }

    public void line(String format, Object... args) {
        line(format.formatted(args));
    }

    /**
     * A line holding a secret (the local admin password): the terminal shows it, the copy in {@code devstack.log}
     * has it masked, since the log is not kept owner-only like the secrets file.
     */
    public void sensitiveLine(String text, String secret) {
        out.println(text);
        Logger copy = transcript;
        if (copy != null) {
            copy.info(secret.isEmpty() ? text : text.replace(secret, "********"));
        }
    }

    public void error(String text) {
        err.println(text);
        Logger copy = transcript;
        if (copy != null) {
            copy.error(text);
        }
    }

    /** Details that help a diagnosis but not the person at the terminal: only to the log, with the stack trace. */
    public void detail(String text, Throwable failure) {
        Logger copy = transcript;
        if (copy != null) {
            copy.warn(text, failure);
        }
    }

    /** A path as the user would type it: relative when it is under the working directory. */
    public String path(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(workingDirectory) && !absolute.equals(workingDirectory)
                ? workingDirectory.relativize(absolute).toString()
                : absolute.toString();
    }

    public static String seconds(Duration duration) {
        return "%.1f s".formatted(duration.toMillis() / 1000.0);
    }
}
