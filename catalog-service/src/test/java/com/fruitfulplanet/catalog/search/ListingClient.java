package com.fruitfulplanet.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /api/v1/products} as the search ITs call it: parameters encoded strictly, answers as JSON trees. */
final class ListingClient {

    private final WebTestClient client;

    ListingClient(WebTestClient client) {
        this.client = client;
    }

    /** One page; asserts a 200 with the list shape. */
    Listing page(String... parameters) {
        return page(parameters(parameters));
    }

    Listing page(Map<String, String> parameters) {
        JsonNode body = json(request(parameters).expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody());
        List<UUID> ids = new ArrayList<>();
        for (JsonNode item : body.path("items")) {
            ids.add(UUID.fromString(item.path("id").asString()));
        }
        JsonNode next = body.path("nextCursor");
        assertThat(body.has("nextCursor")).as("nextCursor present (null on the last page)").isTrue();
        return new Listing(ids, next.isNull() ? null : next.asString(), body);
    }

    /** Every page, following nextCursor with the same parameters. */
    List<UUID> all(int limit, String... parameters) {
        Map<String, String> query = parameters(parameters);
        query.put("limit", Integer.toString(limit));
        List<UUID> ids = new ArrayList<>();
        for (int pages = 0; ; pages++) {
            assertThat(pages).as("pages for " + query).isLessThan(1000);
            Listing page = page(query);
            assertThat(page.ids().size()).isLessThanOrEqualTo(limit);
            ids.addAll(page.ids());
            if (page.nextCursor() == null) {
                return ids;
            }
            query.put("cursor", page.nextCursor());
        }
    }

    /** A rejected request: 400 problem+json; returns the fields its errors name. */
    List<String> rejected(Map<String, String> parameters) {
        JsonNode problem = json(request(parameters).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        for (JsonNode error : problem.path("errors")) {
            assertThat(error.path("message").asString()).isNotBlank();
            fields.add(error.path("field").asString());
        }
        return fields;
    }

    WebTestClient.ResponseSpec request(Map<String, String> parameters) {
        return client.get().uri(builder -> {
            builder.path("/api/v1/products");
            // As URI variables, so values are encoded strictly ("+", "&", "%" included).
            parameters.keySet().forEach(name -> builder.queryParam(name, "{" + name + "}"));
            return builder.build(parameters);
        }).exchange();
    }

    static Map<String, String> parameters(String... parameters) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            map.put(parameters[i], parameters[i + 1]);
        }
        return map;
    }

    private static JsonNode json(String body) {
        return JsonMapper.shared().readTree(body);
    }

    record Listing(List<UUID> ids, String nextCursor, JsonNode body) {

        JsonNode item(UUID id) {
            for (JsonNode item : body.path("items")) {
                if (item.path("id").asString().equals(id.toString())) {
                    return item;
                }
            }
            throw new AssertionError(id + " not listed");
        }
    }
}
