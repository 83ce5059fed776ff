package com.fruitfulplanet.platform.paging;

import java.util.List;

/** API.md's list shape: {@code {items, nextCursor}}; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }
}
