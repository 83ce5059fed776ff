package com.fruitfulplanet.devstack.up;

import sun.misc.Signal;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Turns SIGINT (Ctrl-C) and SIGTERM ({@code ./devstack stop}) into a request that the main thread acts on.
 *
 * <p>Left to the JVM, these signals start its shutdown: hooks run concurrently, in no order, and the exit status
 * is 130/143. Handling them ourselves lets devstack stop services before the infrastructure they use, and exit 0
 * after a requested stop. {@code sun.misc.Signal} is the JDK's supported way to do that (module jdk.unsupported).
 */
final class StopSignal {

    private final CountDownLatch requested = new CountDownLatch(1);
    private final AtomicInteger received = new AtomicInteger();

    /**
     * @param onSignal told the how-many-th signal this is, so the first can announce the stop and later ones that
     *                 it is under way
     */
    void install(IntConsumer onSignal) {
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    onSignal.accept(received.incrementAndGet());
                    requested.countDown();
                });
            } catch (IllegalArgumentException e) {
                // The JVM keeps this signal (e.g. run with -Xrs): its shutdown hook still stops everything.
            }
        }
    }

    boolean isRequested() {
        return requested.getCount() == 0;
    }

    void await() {
        try {
            requested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
