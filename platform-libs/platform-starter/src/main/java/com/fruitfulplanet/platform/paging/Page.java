package com.fruitfulplanet.platform.paging;

import java.util.List;
import java.util.function.Function;

/** API.md's list shape: {@code {items, nextCursor}}; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }

    /**
     * The page from a query that asked for {@code limit + 1} rows: the extra row only tells that there is more, and
     * the cursor is the position of the last row shown ({@code positionOf}, encoded by {@link Cursors}).
     */
    public static <T> Page<T> of(List<T> rows, int limit, Function<T, String> positionOf) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> shown = rows.subList(0, limit);
        return new Page<>(shown, Cursors.encode(positionOf.apply(shown.getLast())));
    }
}
