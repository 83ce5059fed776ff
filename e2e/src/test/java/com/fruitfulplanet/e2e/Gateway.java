package com.fruitfulplanet.e2e;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.util.JSONObjectUtils;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Requests to the local platform's gateway on 127.0.0.1, as a client on the internet sends them, for the tests that
 * go through the whole platform (CheckoutIT). Every request has a timeout; nothing here retries.
 */
final class Gateway {

    static final URI ADDRESS = URI.create("http://127.0.0.1:" + PlatformService.GATEWAY.port());
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Gateway() {
    }

    static Call call(String method, String path) {
        return new Call(method, path, null, null, null, Map.of());
    }

    /** One request, built step by step. */
    record Call(String method, String path, String address, String token, String body, Map<String, String> headers) {

        /** The client address, as the one proxy hop the gateway trusts in these tests reports it. */
        Call from(String clientAddress) {
            return new Call(method, path, clientAddress, token, body, headers);
        }

        Call bearer(String accessToken) {
            return new Call(method, path, address, accessToken, body, headers);
        }

        Call json(Map<String, ?> object) {
            return new Call(method, path, address, token, JSONObjectUtils.toJSONString(object), headers);
        }

        /** A body exactly as given (a webhook's signature is over its bytes). */
        Call rawJson(String json) {
            return new Call(method, path, address, token, json, headers);
        }

        Call header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Call(method, path, address, token, body, more);
        }

        HttpRequest request() {
            HttpRequest.Builder request = HttpRequest.newBuilder(ADDRESS.resolve(path)).timeout(REQUEST_TIMEOUT);
            if (address != null) {
                request.header("X-Forwarded-For", address);
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return request.build();
        }

        Reply send() {
            try {
                HttpResponse<String> response = HTTP.send(request(), HttpResponse.BodyHandlers.ofString());
                return new Reply(response.statusCode(), response.headers(), response.body());
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + path + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Sent without waiting; a failure to connect completes the future exceptionally. */
        CompletableFuture<Reply> sendAsync() {
            return HTTP.sendAsync(request(), HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> new Reply(response.statusCode(), response.headers(), response.body()));
        }
    }

    record Reply(int status, HttpHeaders headers, String body) {

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        <T> T json(String path) {
            return JsonPath.read(body, path);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
