package com.fruitfulplanet.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiDocumentMergerTest {

    @Test
    void sameNameDifferentShapeIsQualifiedPerServiceAndReferencesFollow() {
        OpenAPI merged = merge(
                document("catalog-service", """
                        "paths": {"/api/v1/products": {"get": {"operationId": "list", "responses": {"200": {
                          "description": "OK", "content": {"application/json": {"schema": {
                            "type": "array", "items": {"$ref": "#/components/schemas/Product"}}}}}}}}},
                        "components": {"schemas": {
                          "Product": {"type": "object", "properties": {"name": {"type": "string"},
                                      "price": {"$ref": "#/components/schemas/Money"}}},
                          "Money": {"type": "object", "properties": {"amount": {"type": "string"}}}}}
                        """),
                document("order-service", """
                        "paths": {"/api/v1/orders": {"get": {"operationId": "list", "responses": {"200": {
                          "description": "OK", "content": {"application/json": {"schema": {
                            "$ref": "#/components/schemas/Order"}}}}}}}},
                        "components": {"schemas": {
                          "Order": {"type": "object", "properties": {"items": {"type": "array",
                                    "items": {"$ref": "#/components/schemas/Product"}}}},
                          "Product": {"type": "object", "properties": {"productId": {"type": "string"}}},
                          "Money": {"type": "object", "properties": {"amount": {"type": "string"}}}}}
                        """));

        assertThat(merged.getComponents().getSchemas())
                .containsOnlyKeys("catalog-service.Product", "order-service.Product", "Money", "Order");
        assertThat(merged.getPaths().get("/api/v1/products").getGet().getResponses().get("200").getContent()
                .get("application/json").getSchema().getItems().get$ref())
                .isEqualTo("#/components/schemas/catalog-service.Product");
        assertThat(property(merged, "Order", "items").getItems().get$ref())
                .isEqualTo("#/components/schemas/order-service.Product");
        assertThat(property(merged, "catalog-service.Product", "price").get$ref())
                .isEqualTo("#/components/schemas/Money");
        assertThat(merged.getPaths().get("/api/v1/products").getGet().getOperationId())
                .isEqualTo("catalog-service.list");
        assertThat(merged.getPaths().get("/api/v1/orders").getGet().getOperationId()).isEqualTo("order-service.list");
    }

    @Test
    void definitionsThatDifferOnlyThroughAQualifiedNameAreQualifiedToo() {
        // Both Line definitions read the same, but each means its own service's Item.
        OpenAPI merged = merge(
                document("catalog-service", """
                        "paths": {"/api/v1/products": {"get": {"responses": {"200": {"description": "OK",
                          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Line"}}}}}}}},
                        "components": {"schemas": {
                          "Line": {"type": "object", "properties": {"item": {"$ref": "#/components/schemas/Item"}}},
                          "Item": {"type": "object", "properties": {"sku": {"type": "string"}}}}}
                        """),
                document("order-service", """
                        "paths": {"/api/v1/orders": {"get": {"responses": {"200": {"description": "OK",
                          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Line"}}}}}}}},
                        "components": {"schemas": {
                          "Line": {"type": "object", "properties": {"item": {"$ref": "#/components/schemas/Item"}}},
                          "Item": {"type": "object", "properties": {"quantity": {"type": "integer"}}}}}
                        """));

        assertThat(merged.getComponents().getSchemas()).containsOnlyKeys("catalog-service.Line",
                "order-service.Line", "catalog-service.Item", "order-service.Item");
        assertThat(property(merged, "order-service.Line", "item").get$ref())
                .isEqualTo("#/components/schemas/order-service.Item");
        assertThat(merged.getPaths().get("/api/v1/orders").getGet().getResponses().get("200").getContent()
                .get("application/json").getSchema().get$ref()).isEqualTo("#/components/schemas/order-service.Line");
    }

    @Test
    void aServiceWhoseGlobalSecurityDiffersKeepsItOnItsOperations() {
        OpenAPI merged = merge(
                document("catalog-service", """
                        "security": [{"bearerAuth": []}],
                        "paths": {"/api/v1/products": {"get": {"responses": {"200": {"description": "OK"}}}}},
                        "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}}
                        """),
                document("sync-1c-service", """
                        "security": [{"bearerAuth": []}],
                        "paths": {"/1c/exchange": {"get": {"responses": {"200": {"description": "OK"}}}}},
                        "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "basic"}}}
                        """),
                document("payment-service", """
                        "paths": {"/api/v1/payments/webhooks/{provider}": {"post": {
                          "responses": {"200": {"description": "OK"}}}}}
                        """));

        assertThat(merged.getSecurity()).containsExactly(
                new SecurityRequirement().addList("catalog-service.bearerAuth"));
        assertThat(merged.getComponents().getSecuritySchemes())
                .containsOnlyKeys("catalog-service.bearerAuth", "sync-1c-service.bearerAuth");
        assertThat(merged.getPaths().get("/api/v1/products").getGet().getSecurity()).isNull();
        assertThat(merged.getPaths().get("/1c/exchange").getGet().getSecurity())
                .containsExactly(new SecurityRequirement().addList("sync-1c-service.bearerAuth"));
        assertThat(merged.getPaths().get("/api/v1/payments/webhooks/{provider}").getPost().getSecurity()).isEmpty();
    }

    @Test
    void keepsOpenApi31SchemasAndTagsOnce() {
        OpenAPI merged = merge(
                document("catalog-service", """
                        "tags": [{"name": "catalog", "description": "Sectors, brands, products"}],
                        "paths": {"/api/v1/sectors": {"get": {"tags": ["catalog"], "responses": {"200": {
                          "description": "OK", "content": {"application/json": {"schema": {
                            "$ref": "#/components/schemas/Sector"}}}}}}}},
                        "components": {"schemas": {"Sector": {"type": "object", "properties": {
                          "description": {"type": ["string", "null"]}}}}}
                        """),
                document("order-service", """
                        "tags": [{"name": "catalog", "description": "another description"}],
                        "paths": {}
                        """));

        assertThat(merged.getSpecVersion()).isEqualTo(SpecVersion.V31);
        assertThat(merged.getTags()).singleElement()
                .satisfies(tag -> assertThat(tag.getDescription()).isEqualTo("Sectors, brands, products"));
        assertThat(property(merged, "Sector", "description").getTypes())
                .containsExactlyInAnyOrder("string", "null");
    }

    @Test
    void noDocumentsMakeAnEmptyDocument() {
        OpenAPI merged = ApiDocumentMerger.merge(List.of());
        assertThat(merged.getPaths()).isEmpty();
        assertThat(merged.getSecurity()).isNull();
    }

    @Test
    void theInputsAreLeftAsTheyWere() {
        ServiceApiDocument catalog = document("catalog-service", """
                "paths": {"/api/v1/a": {"get": {"operationId": "list", "responses": {}}}}""");
        ServiceApiDocument order = document("order-service", """
                "paths": {"/api/v1/b": {"get": {"operationId": "list", "responses": {}}}}""");
        String before = catalog.json().toString();
        merge(catalog, order);
        assertThat(catalog.json().toString()).isEqualTo(before);
    }

    static ServiceApiDocument document(String service, String body) {
        try {
            String json = "{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"" + service + "\", \"version\": \"1\"},"
                    + body + "}";
            return new ServiceApiDocument(service, (ObjectNode) Json.mapper().readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Schema<?> property(OpenAPI document, String schema, String property) {
        Schema<?> owner = document.getComponents().getSchemas().get(schema);
        return owner.getProperties().get(property);
    }

    private static OpenAPI merge(ServiceApiDocument... documents) {
        OpenAPI merged = ApiDocumentMerger.merge(List.of(documents));
        // What clients read: the merged model written out and read back.
        try {
            return Json31.mapper().readValue(Json31.mapper().writeValueAsString(merged), OpenAPI.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
