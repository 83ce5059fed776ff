package com.fruitfulplanet.platform.events.schema;

import java.util.function.IntFunction;

import reactor.core.publisher.Mono;

/**
 * Deletes old rows (published outbox rows, remembered inbox ids) a chunk at a time, so that clean-up after a long
 * outage never holds one huge transaction or lock.
 */
public final class ChunkedDelete {

    private static final int CHUNK = 5_000;

    /**
     * @param deleteUpTo deletes at most the given number of rows, emitting how many it deleted
     * @return how many rows were deleted in all
     */
    public static Mono<Long> untilDone(IntFunction<Mono<Long>> deleteUpTo) {
        return deleteUpTo.apply(CHUNK)
                .expand(deleted -> deleted >= CHUNK ? deleteUpTo.apply(CHUNK) : Mono.empty())
                .reduce(0L, Long::sum);
    }

    private ChunkedDelete() {
    }
}
