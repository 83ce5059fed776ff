package com.fruitfulplanet.gateway.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;

/**
 * One service's OpenAPI document as JSON. Kept as a JSON tree rather than swagger's model until merged, because
 * reducing it and rewriting its {@code $ref}s is a walk over the tree, which the model (dozens of classes that may
 * each hold a reference) makes error-prone.
 *
 * @param service the service's application name
 * @param json    the document
 */
record ServiceApiDocument(String service, ObjectNode json) {

    boolean isOpenApi31() {
        return isOpenApi31(json);
    }

    /** swagger-core reads and writes 3.0 and 3.1 documents with different mappers (3.1 schema types are arrays). */
    ObjectMapper mapper() {
        return mapperFor(json);
    }

    OpenAPI toModel() throws JsonProcessingException {
        return mapper().treeToValue(json, OpenAPI.class);
    }

    static boolean isOpenApi31(ObjectNode json) {
        return json.path("openapi").asText().startsWith("3.1");
    }

    static ObjectMapper mapperFor(ObjectNode json) {
        return isOpenApi31(json) ? Json31.mapper() : Json.mapper();
    }
}
