package com.fruitfulplanet.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicApiFilterTest {

    private final PublicApiFilter catalogRoutes =
            new PublicApiFilter(List.of("/api/v1/products/**", "/api/v1/admin/cache/**"));

    @Test
    void keepsOnlyRoutedPathsAndTheComponentsTheyReach() {
        ObjectNode document = ApiDocumentMergerTest.document("catalog-service", """
                "paths": {
                  "/api/v1/products": {"get": {"responses": {"200": {"description": "OK", "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}},
                    "400": {"$ref": "#/components/responses/BadRequest"}}}},
                  "/api/v1/products/{id}": {"delete": {"responses": {"204": {"description": "Deleted"}}}},
                  "/internal/reindex": {"post": {"responses": {"202": {"description": "OK", "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/ReindexJob"}}}}}}}
                },
                "components": {
                  "schemas": {
                    "Page": {"type": "object", "properties": {"items": {"type": "array",
                             "items": {"$ref": "#/components/schemas/Pet"}}}},
                    "Pet": {"oneOf": [{"$ref": "#/components/schemas/Cat"}],
                            "discriminator": {"propertyName": "kind", "mapping": {"cat": "#/components/schemas/Cat"}}},
                    "Cat": {"type": "object"},
                    "Problem": {"type": "object"},
                    "ReindexJob": {"type": "object"},
                    "Unused": {"type": "object"}
                  },
                  "responses": {
                    "BadRequest": {"description": "Bad", "content": {"application/problem+json": {
                      "schema": {"$ref": "#/components/schemas/Problem"}}}},
                    "Conflict": {"description": "Conflict"}
                  },
                  "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}
                }
                """).json();

        catalogRoutes.apply(document);

        assertThat(names(document.get("paths"))).containsExactly("/api/v1/products", "/api/v1/products/{id}");
        assertThat(names(document.get("components").get("schemas")))
                .containsExactlyInAnyOrder("Page", "Pet", "Cat", "Problem");
        assertThat(names(document.get("components").get("responses"))).containsExactly("BadRequest");
        assertThat(names(document.get("components").get("securitySchemes"))).containsExactly("bearerAuth");
    }

    @Test
    void aDocumentWithNothingPublicKeepsNoComponents() {
        ObjectNode document = ApiDocumentMergerTest.document("catalog-service", """
                "paths": {"/internal/x": {"get": {"responses": {"200": {"description": "OK", "content": {
                  "application/json": {"schema": {"$ref": "#/components/schemas/X"}}}}}}}},
                "components": {"schemas": {"X": {"type": "object"}}}
                """).json();
        catalogRoutes.apply(document);
        assertThat(document.get("paths").isEmpty()).isTrue();
        assertThat(document.get("components").has("schemas")).isFalse();
    }

    private static List<String> names(com.fasterxml.jackson.databind.JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
