package com.fruitfulplanet.devstack.health;

import com.fruitfulplanet.contracts.platform.PlatformService;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Asks readiness endpoints, asynchronously so that several services are asked at once, with short timeouts: a
 * service that does not answer within seconds is not ready. Never fails; an endpoint that cannot be reached is
 * {@link Health#unreachable()}.
 */
public final class HealthProbe {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public CompletableFuture<Health> readiness(PlatformService service) {
        return get(Endpoints.readiness(service));
    }

    public CompletableFuture<Health> platformReadiness() {
        return get(Endpoints.platformReadiness());
    }

    private CompletableFuture<Health> get(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Health(response.statusCode(), response.body()))
                .exceptionally(unreachable -> Health.unreachable());
    }
}
