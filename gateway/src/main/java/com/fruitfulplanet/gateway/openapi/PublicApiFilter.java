package com.fruitfulplanet.gateway.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Reduces a service's document to what clients can reach through the gateway: the paths the gateway routes to that
 * service ({@code PublicRoutes}) and the components they use. A service's internal endpoints, and the shapes only
 * they use, are not published, and cannot clash with another service's names in the merged document.
 */
final class PublicApiFilter {

    private final List<PathPattern> publicPaths;

    PublicApiFilter(List<String> publicPaths) {
        this.publicPaths = publicPaths.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    /** Modifies {@code document} in place and returns it. */
    ObjectNode apply(ObjectNode document) {
        if (document.get("paths") instanceof ObjectNode paths) {
            List<String> hidden = new ArrayList<>();
            paths.fieldNames().forEachRemaining(path -> {
                if (!isPublic(path)) {
                    hidden.add(path);
                }
            });
            paths.remove(hidden);
        }
        pruneUnreferencedComponents(document);
        return document;
    }

    private boolean isPublic(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return publicPaths.stream().anyMatch(pattern -> pattern.matches(container));
    }

    /**
     * Keeps the components reachable from the rest of the document, following references between components.
     * Security schemes are named by security requirements rather than referenced, and are kept.
     */
    static void pruneUnreferencedComponents(ObjectNode document) {
        if (!(document.get("components") instanceof ObjectNode components)) {
            return;
        }
        Set<String> reachable = new HashSet<>();
        Deque<String> toVisit = new ArrayDeque<>();
        document.properties().stream().filter(field -> !field.getKey().equals("components"))
                .forEach(field -> toVisit.addAll(OpenApiTree.refsIn(field.getValue())));
        while (!toVisit.isEmpty()) {
            String ref = toVisit.poll();
            if (!ref.startsWith(OpenApiTree.COMPONENTS_PREFIX) || !reachable.add(ref)) {
                continue;
            }
            String[] sectionAndName = ref.substring(OpenApiTree.COMPONENTS_PREFIX.length()).split("/", 2);
            if (sectionAndName.length == 2 && components.path(sectionAndName[0]).get(sectionAndName[1]) != null) {
                toVisit.addAll(OpenApiTree.refsIn(components.path(sectionAndName[0]).get(sectionAndName[1])));
            }
        }
        for (String section : OpenApiTree.REFERENCED_SECTIONS) {
            if (components.get(section) instanceof ObjectNode entries) {
                List<String> unused = new ArrayList<>();
                entries.fieldNames().forEachRemaining(name -> {
                    if (!reachable.contains(OpenApiTree.ref(section, name))) {
                        unused.add(name);
                    }
                });
                entries.remove(unused);
                if (entries.isEmpty()) {
                    components.remove(section);
                }
            }
        }
    }
}
