package com.fruitfulplanet.platform.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a server when the JVM exits without its owner having closed it (end of a test run, Ctrl-C on devstack), so
 * no database or Redis process outlives the JVM that started it. Unregistered again by a regular {@code close()}, so
 * closed servers do not pile up hooks.
 */
final class ExitHook {

    private static final Logger log = LoggerFactory.getLogger(ExitHook.class);

    private final Thread thread;

    private ExitHook(Thread thread) {
        this.thread = thread;
    }

    static ExitHook register(String name, AutoCloseable server) {
        Thread thread = new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                log.warn("Could not stop {} while the JVM exits", name, e);
            }
        }, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(thread);
        return new ExitHook(thread);
    }

    void unregister() {
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException shutdownInProgress) {
            // close() runs from this very hook or another one; the JVM is exiting and forgets the hook anyway.
        }
    }
}
