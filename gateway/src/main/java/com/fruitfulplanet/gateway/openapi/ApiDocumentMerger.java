package com.fruitfulplanet.gateway.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the services' documents into one: their paths (disjoint, since the gateway routes each prefix to one
 * service), and their components, tags and security schemes. A component name that two services define differently
 * (each its own {@code Product}, say) is qualified with the service name in each of them,
 * {@code catalog-service.Product}, and their references follow; a definition they share verbatim (the platform's
 * {@code Problem}, {@code Money}) stays one. Operation ids two services both use are qualified the same way.
 */
final class ApiDocumentMerger {

    private static final Logger log = LoggerFactory.getLogger(ApiDocumentMerger.class);

    private ApiDocumentMerger() {
    }

    /**
     * {@code documents} in a stable order (the registry's); the first one's global security becomes the merged one's.
     */
    static OpenAPI merge(List<ServiceApiDocument> documents) {
        List<ServiceApiDocument> copies = documents.stream()
                .map(document -> new ServiceApiDocument(document.service(), document.json().deepCopy()))
                .toList();
        qualifyClashingComponents(copies);
        qualifyDuplicateOperationIds(copies);
        keepEachServicesGlobalSecurity(copies);

        boolean openApi31 = copies.stream().allMatch(ServiceApiDocument::isOpenApi31);
        OpenAPI merged = new OpenAPI(openApi31 ? SpecVersion.V31 : SpecVersion.V30)
                .openapi(openApi31 ? "3.1.0" : "3.0.1")
                .paths(new Paths())
                .components(new Components());
        Map<String, Tag> tags = new LinkedHashMap<>();
        for (ServiceApiDocument document : copies) {
            OpenAPI service = toModel(document);
            if (merged.getSecurity() == null) {
                merged.setSecurity(service.getSecurity());
            }
            if (service.getPaths() != null) {
                service.getPaths().forEach((path, item) -> {
                    if (merged.getPaths().putIfAbsent(path, item) != null) {
                        log.warn("{} documents {}, which another service documents already; kept the first",
                                document.service(), path);
                    }
                });
            }
            merged.setWebhooks(union(merged::getWebhooks, service.getWebhooks()));
            if (service.getComponents() != null) {
                mergeComponents(merged.getComponents(), service.getComponents());
            }
            if (service.getTags() != null) {
                service.getTags().forEach(tag -> tags.putIfAbsent(tag.getName(), tag));
            }
        }
        if (!tags.isEmpty()) {
            merged.setTags(new ArrayList<>(tags.values()));
        }
        return merged;
    }

    /**
     * Renames until no name is left with two definitions: qualifying one clash can make two definitions that were
     * equal differ (both referred to the name just qualified), which the next round finds.
     */
    private static void qualifyClashingComponents(List<ServiceApiDocument> documents) {
        List<String> sections = Stream.concat(OpenApiTree.REFERENCED_SECTIONS.stream(),
                Stream.of(OpenApiTree.SECURITY_SCHEMES)).toList();
        for (int round = 0; ; round++) {
            boolean renamed = false;
            for (String section : sections) {
                for (Map.Entry<String, List<ServiceApiDocument>> clash : clashes(documents, section).entrySet()) {
                    clash.getValue().forEach(document -> qualify(document, section, clash.getKey()));
                    renamed = true;
                }
            }
            if (!renamed) {
                return;
            }
            // Each round qualifies names with their own service, which no other service's names can equal; only a
            // service that itself defines both X and <service>.X could keep this going.
            if (round > 100) {
                throw new IllegalStateException("Component names of the services' documents do not converge");
            }
        }
    }

    /** Name → the documents that define it, for each name with more than one distinct definition. */
    private static Map<String, List<ServiceApiDocument>> clashes(List<ServiceApiDocument> documents, String section) {
        Map<String, Map<JsonNode, List<ServiceApiDocument>>> definitions = new LinkedHashMap<>();
        for (ServiceApiDocument document : documents) {
            ObjectNode entries = OpenApiTree.section(document.json(), section);
            if (entries != null) {
                entries.properties().forEach(entry -> definitions.computeIfAbsent(entry.getKey(), n -> new HashMap<>())
                        .computeIfAbsent(entry.getValue(), d -> new ArrayList<>()).add(document));
            }
        }
        Map<String, List<ServiceApiDocument>> clashes = new LinkedHashMap<>();
        definitions.forEach((name, byDefinition) -> {
            if (byDefinition.size() > 1) {
                clashes.put(name, byDefinition.values().stream().flatMap(List::stream).toList());
            }
        });
        return clashes;
    }

    private static void qualify(ServiceApiDocument document, String section, String name) {
        String qualified = document.service() + "." + name;
        ObjectNode entries = OpenApiTree.section(document.json(), section);
        entries.set(qualified, entries.remove(name));
        if (section.equals(OpenApiTree.SECURITY_SCHEMES)) {
            // Security requirements name their scheme as a key rather than referring to it.
            forEachSecurityRequirement(document.json(), requirement -> {
                if (requirement.has(name)) {
                    requirement.set(qualified, requirement.remove(name));
                }
            });
        } else {
            String from = OpenApiTree.ref(section, name);
            String to = OpenApiTree.ref(section, qualified);
            OpenApiTree.rewriteRefs(document.json(), ref -> ref.equals(from) ? to : ref);
        }
    }

    /** An operation id must be unique in a document; clients generate method names from it. */
    private static void qualifyDuplicateOperationIds(List<ServiceApiDocument> documents) {
        Map<String, Set<String>> servicesById = new HashMap<>();
        documents.forEach(document -> OpenApiTree.operations(document.json()).forEach(operation -> {
            JsonNode id = operation.getValue().get("operationId");
            if (id != null && id.isTextual()) {
                servicesById.computeIfAbsent(id.asText(), i -> new HashSet<>()).add(document.service());
            }
        }));
        documents.forEach(document -> OpenApiTree.operations(document.json()).forEach(operation -> {
            JsonNode id = operation.getValue().get("operationId");
            if (id != null && id.isTextual() && servicesById.get(id.asText()).size() > 1) {
                operation.getValue().put("operationId", document.service() + "." + id.asText());
            }
        }));
    }

    /**
     * The merged document has one global security requirement, the first service's. An operation of a service
     * whose own global requirement differs gets that requirement written on it, so that it keeps meaning the same.
     */
    private static void keepEachServicesGlobalSecurity(List<ServiceApiDocument> documents) {
        if (documents.isEmpty()) {
            return;
        }
        JsonNode global = documents.getFirst().json().get("security");
        for (ServiceApiDocument document : documents) {
            JsonNode own = document.json().get("security");
            if (Objects.equals(own, global)) {
                continue;
            }
            JsonNode explicit = own != null ? own : JsonNodeFactory.instance.arrayNode();
            OpenApiTree.operations(document.json()).stream().map(Map.Entry::getValue)
                    .filter(operation -> !operation.has("security"))
                    .forEach(operation -> operation.set("security", explicit.deepCopy()));
            document.json().remove("security");
        }
    }

    private static void forEachSecurityRequirement(ObjectNode document, Consumer<ObjectNode> action) {
        List<JsonNode> lists = new ArrayList<>();
        lists.add(document.get("security"));
        OpenApiTree.operations(document).forEach(operation -> lists.add(operation.getValue().get("security")));
        lists.stream().filter(ArrayNode.class::isInstance)
                .forEach(list -> list.elements().forEachRemaining(requirement -> {
                    if (requirement instanceof ObjectNode object) {
                        action.accept(object);
                    }
                }));
    }

    private static OpenAPI toModel(ServiceApiDocument document) {
        try {
            return document.toModel();
        } catch (JsonProcessingException e) {
            // BackendApiDocs read each document into the model already; renaming keeps it readable.
            throw new IllegalStateException(document.service() + " serves an invalid OpenAPI document", e);
        }
    }

    private static void mergeComponents(Components into, Components from) {
        into.setSchemas(union(into::getSchemas, from.getSchemas()));
        into.setResponses(union(into::getResponses, from.getResponses()));
        into.setParameters(union(into::getParameters, from.getParameters()));
        into.setExamples(union(into::getExamples, from.getExamples()));
        into.setRequestBodies(union(into::getRequestBodies, from.getRequestBodies()));
        into.setHeaders(union(into::getHeaders, from.getHeaders()));
        into.setSecuritySchemes(union(into::getSecuritySchemes, from.getSecuritySchemes()));
        into.setLinks(union(into::getLinks, from.getLinks()));
        into.setCallbacks(union(into::getCallbacks, from.getCallbacks()));
        into.setPathItems(union(into::getPathItems, from.getPathItems()));
    }

    /** Keeps the first of two entries with one name: once clashes are qualified, both are the same definition. */
    private static <T> Map<String, T> union(Supplier<Map<String, T>> into, Map<String, T> from) {
        if (from == null || from.isEmpty()) {
            return into.get();
        }
        Map<String, T> merged = into.get() == null ? new LinkedHashMap<>() : into.get();
        from.forEach(merged::putIfAbsent);
        return merged;
    }
}
