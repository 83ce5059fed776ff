package com.fruitfulplanet.devstack;

/**
 * An expected failure: the message is written for the person at the terminal and is printed as it is, without a
 * stack trace; the exit code tells scripts what kind of failure it was.
 */
public class DevStackException extends RuntimeException {

    /** Something went wrong while starting or stopping. */
    public static final int FAILED = 1;
    /** devstack refused to start: bad arguments, a port in use, already running, nothing to run. */
    public static final int REFUSED = 2;

    private final int exitCode;

    public DevStackException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public DevStackException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
