package com.fruitfulplanet.catalog.bulk;

import com.fruitfulplanet.catalog.web.Slugs;
import java.util.HashMap;
import java.util.Map;

/**
 * The slugs taken under each parent, with who holds them (an external id, or "" for a row without one), and
 * the next free slug for a base.
 */
final class TakenSlugs {

    private final Map<Object, Map<String, String>> holders = new HashMap<>();

    void add(Object parent, String slug, String holder) {
        holders.computeIfAbsent(parent, p -> new HashMap<>()).putIfAbsent(slug, holder == null ? "" : holder);
    }

    /** Whether {@code slug} under {@code parent} is held by a row other than {@code externalId}. */
    boolean heldByAnother(Object parent, String slug, String externalId) {
        String holder = holders.getOrDefault(parent, Map.of()).get(slug);
        return holder != null && !holder.equals(externalId);
    }

    /** {@code base}, or the first free {@code base-N}, now taken by {@code externalId}. */
    String allocate(Object parent, String base, String externalId) {
        Map<String, String> taken = holders.computeIfAbsent(parent, p -> new HashMap<>());
        String candidate = base;
        for (int n = 2; taken.containsKey(candidate); n++) {
            String suffix = "-" + n;
            candidate = Slugs.shorten(base, Slugs.MAX_GENERATED_LENGTH - suffix.length()) + suffix;
        }
        taken.put(candidate, externalId);
        return candidate;
    }
}
