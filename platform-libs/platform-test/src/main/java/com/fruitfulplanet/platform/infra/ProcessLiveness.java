package com.fruitfulplanet.platform.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a process still runs. {@link ProcessHandle#isAlive()} also answers true for a zombie: an exited daemon
 * such as the postmaster waits as one until PID 1 reaps it, which in some containers takes a second or two, though it
 * holds no port, memory or file any more. Shared by the tests' servers and devstack.
 */
public final class ProcessLiveness {

    /** Alive and not a zombie. */
    public static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // "pid (comm) state ...": comm may contain spaces and parentheses, the state follows the last ')'.
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException noProcFileSystem) {
            return process.isAlive();
        }
    }

    private ProcessLiveness() {
    }
}
