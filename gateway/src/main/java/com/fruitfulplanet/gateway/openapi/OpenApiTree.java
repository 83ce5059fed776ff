package com.fruitfulplanet.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Walks an OpenAPI document's JSON tree: its component references and its operations. */
final class OpenApiTree {

    static final String COMPONENTS_PREFIX = "#/components/";

    /** The component sections whose entries are referenced with {@code $ref}. */
    static final List<String> REFERENCED_SECTIONS = List.of("schemas", "responses", "parameters", "examples",
            "requestBodies", "headers", "links", "callbacks", "pathItems");

    static final String SECURITY_SCHEMES = "securitySchemes";

    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private OpenApiTree() {
    }

    static String ref(String section, String name) {
        return COMPONENTS_PREFIX + section + "/" + name;
    }

    /**
     * Applies {@code rewrite} to every reference under {@code node}: each {@code $ref}, and each discriminator
     * mapping, whose values are references too. Collecting the references is a rewrite that changes nothing.
     */
    static void rewriteRefs(JsonNode node, UnaryOperator<String> rewrite) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual()) {
                object.put("$ref", rewrite.apply(ref.asText()));
            }
            if (object.get("discriminator") instanceof ObjectNode discriminator
                    && discriminator.get("mapping") instanceof ObjectNode mapping) {
                List<String> keys = new ArrayList<>();
                mapping.fieldNames().forEachRemaining(keys::add);
                keys.stream().filter(key -> mapping.get(key).isTextual())
                        .forEach(key -> mapping.put(key, rewrite.apply(mapping.get(key).asText())));
            }
            object.elements().forEachRemaining(child -> rewriteRefs(child, rewrite));
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(child -> rewriteRefs(child, rewrite));
        }
    }

    static List<String> refsIn(JsonNode node) {
        List<String> refs = new ArrayList<>();
        rewriteRefs(node, ref -> {
            refs.add(ref);
            return ref;
        });
        return refs;
    }

    /** Every operation of the document, with its path. */
    static List<Map.Entry<String, ObjectNode>> operations(ObjectNode document) {
        List<Map.Entry<String, ObjectNode>> operations = new ArrayList<>();
        if (document.get("paths") instanceof ObjectNode paths) {
            paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
                if (HTTP_METHODS.contains(entry.getKey()) && entry.getValue() instanceof ObjectNode operation) {
                    operations.add(Map.entry(path.getKey(), operation));
                }
            }));
        }
        return operations;
    }

    static ObjectNode section(ObjectNode document, String section) {
        return document.get("components") instanceof ObjectNode components
                && components.get(section) instanceof ObjectNode entries ? entries : null;
    }
}
