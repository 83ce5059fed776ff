package com.fruitfulplanet.catalog.web;

import com.fruitfulplanet.platform.paging.Cursors;
import java.util.UUID;

/** A cursor position in a list sorted by name, then id (sectors, brands). */
public record NamePosition(String name, UUID id) {

    public static NamePosition decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        String[] parts = Cursors.decode(cursor).split("\n", 2);
        try {
            return new NamePosition(parts[1], UUID.fromString(parts[0]));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw Cursors.invalid();
        }
    }

    public static String encode(UUID id, String name) {
        return id + "\n" + name;
    }
}
