package com.fruitfulplanet.gateway.security;

import com.fruitfulplanet.platform.test.security.TestTokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.gateway.StubBackend;
import com.fruitfulplanet.gateway.TestBackends;
import com.fruitfulplanet.platform.test.PlatformIntegrationTest;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Flux;

/**
 * The edge's security against real Redis and stand-in services: token checks, which paths are open, the WebSocket
 * token, CORS, security headers and the request-size limit.
 */
@PlatformIntegrationTest
@AutoConfigureWebTestClient
class EdgeSecurityIT {

    static final Map<PlatformService, StubBackend> BACKENDS = TestBackends.start();
    static final TestTokens TOKENS = new TestTokens();
    static final String ALLOWED_ORIGIN = "https://shop.example.test";
    static final int MAX_REQUEST_BYTES = 1024 * 1024;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestBackends.register(registry, BACKENDS, TOKENS, Set.of());
        // Key rotation is observable within the test's patience.
        registry.add("fruitfulplanet.security.jwt.refresh-cooldown", () -> "200ms");
        registry.add("fruitfulplanet.gateway.cors.allowed-origins", () -> ALLOWED_ORIGIN);
    }

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    /** The platform's decoder, watched to see how often a token is verified. */
    @MockitoSpyBean
    ReactiveJwtDecoder platformDecoder;

    @AfterEach
    void resetBackends() {
        BACKENDS.values().forEach(StubBackend::reset);
    }

    @AfterAll
    static void stop() {
        BACKENDS.values().forEach(StubBackend::stop);
        TOKENS.stop();
    }

    static StubBackend backend(PlatformService service) {
        return BACKENDS.get(service);
    }

    // --- tokens ---------------------------------------------------------------------------------------------------

    @Test
    void aValidTokenReachesTheServiceUnchanged() {
        String token = TOKENS.valid();
        client.get().uri("/api/v1/orders").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk();
        assertThat(backend(PlatformService.ORDER).received).singleElement()
                .extracting(StubBackend.Received::authorization).isEqualTo("Bearer " + token);
    }

    @Test
    void aTokenIsVerifiedOncePerRequestThoughTheRateLimiterAndTheSecurityChainBothNeedIt() {
        String token = TOKENS.valid();
        clearInvocations(platformDecoder);
        client.get().uri("/api/v1/orders").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk();
        verify(platformDecoder, times(1)).decode(token);
    }

    @Test
    void otherCredentialsPassUntouchedToTheServicesThatCheckThem() {
        client.post().uri("/1c/exchange?type=catalog&mode=checkauth")
                .headers(h -> h.setBasicAuth("1c-exchange", "secret")).exchange()
                .expectStatus().isOk();
        assertThat(backend(PlatformService.SYNC_1C).received).singleElement()
                .extracting(StubBackend.Received::authorization).asString().startsWith("Basic ");
    }

    static Stream<Arguments> refusedTokens() {
        String subject = UUID.randomUUID().toString();
        Instant now = Instant.now();
        ECKey impostor = TestTokens.newKey(TOKENS.signingKey.getKeyID());
        String valid = TOKENS.valid(subject);
        String[] parts = valid.split("\\.");
        String otherPayload = Base64URL.encode(TestTokens.claims(UUID.randomUUID().toString()).build().toString())
                .toString();
        return Stream.of(
                Arguments.of("signed by another key under the real key id",
                        (Supplier<String>) () -> TestTokens.signed(impostor, TestTokens.claims(subject).build())),
                Arguments.of("payload changed after signing",
                        (Supplier<String>) () -> parts[0] + "." + otherPayload + "." + parts[2]),
                Arguments.of("alg none", (Supplier<String>) () -> TestTokens.unsigned(
                        TestTokens.claims(subject).build())),
                Arguments.of("HS256 keyed with the public key", (Supplier<String>) () -> TOKENS.hmacWithPublicKey(
                        TestTokens.claims(subject).build())),
                Arguments.of("unknown key id", (Supplier<String>) () -> TestTokens.signed(
                        TestTokens.newKey("never-published"), TestTokens.claims(subject).build())),
                Arguments.of("expired", (Supplier<String>) () -> TOKENS.sign(TestTokens.claims(subject)
                        .issueTime(Date.from(now.minusSeconds(600)))
                        .notBeforeTime(Date.from(now.minusSeconds(600)))
                        .expirationTime(Date.from(now.minusSeconds(120))).build())),
                Arguments.of("not valid yet", (Supplier<String>) () -> TOKENS.sign(TestTokens.claims(subject)
                        .notBeforeTime(Date.from(now.plusSeconds(300))).build())),
                Arguments.of("for another audience", (Supplier<String>) () -> TOKENS.sign(
                        TestTokens.claims(subject).audience("another-api").build())),
                Arguments.of("from another issuer", (Supplier<String>) () -> TOKENS.sign(
                        TestTokens.claims(subject).issuer("urn:somebody-else").build())),
                Arguments.of("without a subject", (Supplier<String>) () -> TOKENS.sign(
                        new JWTClaimsSet.Builder(TestTokens.claims(subject).build()).subject(null).build())),
                Arguments.of("not a JWT", (Supplier<String>) () -> "not-a.jwt-at.all"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aBadTokenIs401OnProtectedAndPublicPathsAlike(String why, Supplier<String> token) {
        String bad = token.get();
        for (String path : List.of("/api/v1/orders", "/api/v1/products")) {
            client.get().uri(path).headers(h -> h.setBearerAuth(bad)).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .expectBody().jsonPath("$.status").isEqualTo(401).jsonPath("$.traceId").isNotEmpty();
        }
        assertThat(backend(PlatformService.ORDER).received).isEmpty();
        assertThat(backend(PlatformService.CATALOG).received).isEmpty();
    }

    @Test
    void aKeyPublishedAfterTheFirstSightOfItsIdIsAccepted() {
        ECKey rotatedIn = TestTokens.newKey("key-" + UUID.randomUUID());
        String token = TestTokens.signed(rotatedIn, TestTokens.claims(UUID.randomUUID().toString()).build());
        client.get().uri("/api/v1/orders").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized();

        TOKENS.publish(rotatedIn);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                client.get().uri("/api/v1/orders").headers(h -> h.setBearerAuth(token)).exchange()
                        .expectStatus().isOk());
        assertThat(backend(PlatformService.ORDER).received).singleElement()
                .extracting(StubBackend.Received::authorization).isEqualTo("Bearer " + token);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /api/v1/orders",
            "GET, /api/v1/orders/7d1c0b8e-0000-4000-8000-000000000001",
            "POST, /api/v1/orders",
            "GET, /api/v1/cart",
            "GET, /api/v1/users/me",
            "POST, /api/v1/auth/logout",
            "PUT, /api/v1/auth/login",
            "GET, /api/v1/auth/login",
            "POST, /api/v1/products",
            "DELETE, /api/v1/brands/apple",
            "PUT, /api/v1/sectors/food",
            "POST, /api/v1/admin/cache/evict",
            "POST, /api/v1/admin/catalog/republish",
            "GET, /api/v1/payments",
            "GET, /api/v1/notifications"})
    void everythingElseNeedsAToken(String method, String path) {
        client.method(HttpMethod.valueOf(method)).uri(path).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(BACKENDS.values()).allSatisfy(stub -> assertThat(stub.received).isEmpty());
    }

    @ParameterizedTest
    @CsvSource({
            "/api/v1/products/../orders",
            "/api/v1/products/%2e%2e/orders",
            "/api/v1/products/..%2Forders",
            "/api/v1/products//orders",
            "/.well-known/jwks.json/../../api/v1/orders"})
    void aPathThatCouldMeanSomethingElseToAServiceIsRefused(String path) {
        client.get().uri(URI.create("http://localhost:" + port + path)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("X-RateLimit-Remaining");
        assertThat(BACKENDS.values()).allSatisfy(stub -> assertThat(stub.received).isEmpty());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /api/v1/products, catalog-service",
            "GET, /api/v1/products/42?fields=name, catalog-service",
            "HEAD, /api/v1/products/42, catalog-service",
            "GET, /api/v1/sectors, catalog-service",
            "GET, /api/v1/brands/apple, catalog-service",
            "POST, /api/v1/auth/register, auth-service",
            "POST, /api/v1/auth/login, auth-service",
            "POST, /api/v1/auth/refresh, auth-service",
            "POST, /api/v1/auth/partner-token, auth-service",
            "GET, /.well-known/jwks.json, auth-service",
            "POST, /api/v1/payments/webhooks/yookassa, payment-service",
            "GET, /1c/exchange?type=catalog&mode=checkauth, sync-1c-service",
            "POST, /1c/exchange?type=catalog&mode=file&filename=import.xml, sync-1c-service",
            "POST, /api/v1/partner/1c/products, sync-1c-service"})
    void publicEndpointsNeedNoToken(String method, String path, String service) {
        client.method(HttpMethod.valueOf(method)).uri(path).exchange()
                .expectStatus().isOk();
        StubBackend backend = backend(PlatformService.byApplicationName(service).orElseThrow());
        assertThat(backend.received).singleElement().satisfies(received -> {
            assertThat(received.method()).isEqualTo(method);
            assertThat(received.pathAndQuery()).isEqualTo(path);
        });
    }

    @Test
    void theGatewaysOwnPublicPagesNeedNoToken() {
        client.get().uri("/api/health/liveness").exchange().expectStatus().isOk();
        for (String path : List.of("/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html")) {
            client.get().uri(path).exchange()
                    .expectStatus().value(status -> assertThat(status).isNotIn(401, 403));
        }
    }

    @Test
    void aTokenInTheQueryStringCountsOnlyOnTheWebSocketEndpoint() {
        client.get().uri("/api/v1/orders?access_token={token}", TOKENS.valid()).exchange()
                .expectStatus().isUnauthorized();
        assertThat(backend(PlatformService.ORDER).received).isEmpty();
    }

    // --- WebSocket ------------------------------------------------------------------------------------------------

    @Test
    void theWebSocketTakesItsTokenFromTheQueryString() {
        String token = TOKENS.valid();
        assertThat(firstWebSocketMessage("/ws/notifications?access_token=" + token, List.of()))
                .isEqualTo(StubBackend.GREETING);
        assertThat(backend(PlatformService.NOTIFICATION).received).singleElement()
                .extracting(StubBackend.Received::pathAndQuery)
                .isEqualTo("/ws/notifications?access_token=" + token);
    }

    @Test
    void theWebSocketTakesItsTokenFromTheSubprotocolHeader() {
        String token = TOKENS.valid();
        assertThat(firstWebSocketMessage("/ws/notifications", List.of("bearer", token)))
                .isEqualTo(StubBackend.GREETING);
        assertThat(backend(PlatformService.NOTIFICATION).received).singleElement()
                .extracting(StubBackend.Received::webSocketProtocol).asString().contains(token);
    }

    @Test
    void aWebSocketWithoutAValidTokenIsRefusedAtTheHandshake() {
        String expired = TOKENS.sign(TestTokens.claims("someone")
                .issueTime(Date.from(Instant.now().minusSeconds(900)))
                .notBeforeTime(Date.from(Instant.now().minusSeconds(900)))
                .expirationTime(Date.from(Instant.now().minusSeconds(600))).build());
        for (String pathAndQuery : List.of("/ws/notifications", "/ws/notifications?access_token=" + expired,
                "/ws/notifications?access_token=" + TOKENS.valid() + "&access_token=" + TOKENS.valid())) {
            assertThatThrownBy(() -> firstWebSocketMessage(pathAndQuery, List.of()))
                    .isInstanceOf(WebSocketClientHandshakeException.class)
                    .satisfies(failure -> assertThat(((WebSocketClientHandshakeException) failure)
                            .response().status().code()).isEqualTo(401));
        }
        assertThat(backend(PlatformService.NOTIFICATION).received).isEmpty();
    }

    private String firstWebSocketMessage(String pathAndQuery, List<String> subprotocols) {
        AtomicReference<String> message = new AtomicReference<>();
        WebSocketHandler handler = new WebSocketHandler() {
            @Override
            public List<String> getSubProtocols() {
                return subprotocols;
            }

            @Override
            public reactor.core.publisher.Mono<Void> handle(org.springframework.web.reactive.socket.WebSocketSession
                    session) {
                return session.receive().map(WebSocketMessage::getPayloadAsText).next().doOnNext(message::set).then();
            }
        };
        new ReactorNettyWebSocketClient()
                .execute(URI.create("ws://127.0.0.1:" + port + pathAndQuery), handler)
                .block(Duration.ofSeconds(5));
        return message.get();
    }

    // --- CORS -----------------------------------------------------------------------------------------------------

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredAtTheEdge() {
        client.options().uri("/api/v1/orders")
                .header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "Authorization, Content-Type, Idempotency-Key")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods -> assertThat(methods)
                        .contains("POST"))
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, headers -> assertThat(headers)
                        .containsIgnoringCase("authorization").containsIgnoringCase("idempotency-key"))
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "3600")
                .expectHeader().exists("X-RateLimit-Remaining");
        assertThat(backend(PlatformService.ORDER).received).isEmpty();
    }

    @Test
    void anOriginNotOnTheListGetsNoCorsHeaders() {
        client.options().uri("/api/v1/orders")
                .header(HttpHeaders.ORIGIN, "https://evil.example.test")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        client.get().uri("/api/v1/products")
                .header(HttpHeaders.ORIGIN, "https://evil.example.test")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        assertThat(backend(PlatformService.CATALOG).received).isEmpty();
    }

    @Test
    void anAllowedOriginMayReadTheResponseHeadersItNeeds() {
        for (String path : List.of("/api/v1/products", "/api/v1/orders")) {
            client.get().uri(path).header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN).exchange()
                    .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN)
                    .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, exposed -> assertThat(exposed)
                            .contains("X-Request-Id", "X-RateLimit-Limit", "X-RateLimit-Remaining", "Retry-After"));
        }
    }

    @Test
    void anAllowedOriginCanReadEvenTheAnswersGivenBeforeAnyoneLookedAtTheRequest() {
        client.post().uri("/api/v1/partner/1c/products")
                .header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
                .bodyValue(new byte[MAX_REQUEST_BYTES + 1])
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, exposed -> assertThat(exposed)
                        .contains("X-RateLimit-Remaining", "Retry-After"));
        client.post().uri("/api/v1/partner/1c/products")
                .header(HttpHeaders.ORIGIN, "https://evil.example.test")
                .bodyValue(new byte[MAX_REQUEST_BYTES + 1])
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    // --- security headers -----------------------------------------------------------------------------------------

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        String token = TOKENS.valid();
        List<WebTestClient.ResponseSpec> answers = List.of(
                client.get().uri("/api/v1/products").exchange().expectStatus().isOk(),
                client.get().uri("/api/v1/orders").exchange().expectStatus().isUnauthorized(),
                client.get().uri("/api/v2/nothing").headers(h -> h.setBearerAuth(token)).exchange()
                        .expectStatus().isNotFound(),
                client.get().uri("/api/health/liveness").exchange().expectStatus().isOk(),
                client.post().uri("/api/v1/partner/1c/products").contentLength(MAX_REQUEST_BYTES + 1L)
                        .bodyValue(new byte[MAX_REQUEST_BYTES + 1]).exchange().expectStatus().isEqualTo(413));
        for (WebTestClient.ResponseSpec answer : answers) {
            answer.expectHeader().valueEquals("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectHeader().valueEquals("X-Frame-Options", "DENY")
                    .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                    .expectHeader().valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                    .expectHeader().exists("X-Request-Id")
                    .expectHeader().exists("X-RateLimit-Remaining");
        }
    }

    @Test
    void whatAServiceSaysAboutItselfOrAboutFramingDoesNotLeaveTheEdge() {
        backend(PlatformService.CATALOG).extraHeaders = Map.of("Server", "stub/1.0", "X-Powered-By", "PHP/5.6",
                "X-Frame-Options", "SAMEORIGIN", "Content-Security-Policy", "default-src *");
        client.get().uri("/api/v1/products").exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist("Server")
                .expectHeader().doesNotExist("X-Powered-By")
                .expectHeader().valuesMatch("X-Frame-Options", "DENY")
                .expectHeader().valuesMatch("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void swaggerUiGetsAPolicyThatLetsItRun() {
        for (String path : List.of("/swagger-ui.html", "/swagger-ui/index.html", "/webjars/swagger-ui/index.html")) {
            client.get().uri(path).exchange()
                    .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp)
                            .contains("script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:",
                                    "frame-ancestors 'none'")
                            .doesNotContain("unsafe-eval"));
        }
        client.get().uri("/v3/api-docs").exchange()
                .expectHeader().valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void theManagementPortIsLeftAlone() {
        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build()
                .get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist("X-RateLimit-Remaining")
                .expectHeader().doesNotExist("Strict-Transport-Security");
    }

    // --- request size ---------------------------------------------------------------------------------------------

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedBeforeItIsRead() {
        client.post().uri("/api/v1/partner/1c/products")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new byte[MAX_REQUEST_BYTES + 1])
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(413);
        assertThat(backend(PlatformService.SYNC_1C).received).isEmpty();
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutOffOnItsWay() {
        client.post().uri("/1c/exchange?type=catalog&mode=file&filename=import.zip")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(chunked(MAX_REQUEST_BYTES + 64 * 1024), DataBuffer.class)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("X-RateLimit-Remaining")
                .expectBody().jsonPath("$.status").isEqualTo(413);
        // The service never sees a whole request over the limit.
        assertThat(backend(PlatformService.SYNC_1C).received)
                .allSatisfy(received -> assertThat(received.bodyBytes()).isLessThanOrEqualTo(MAX_REQUEST_BYTES));
    }

    @Test
    void aChunkedBodyWithinTheLimitArrivesWhole() {
        client.post().uri("/1c/exchange?type=catalog&mode=file&filename=import.zip")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(chunked(MAX_REQUEST_BYTES), DataBuffer.class)
                .exchange()
                .expectStatus().isOk();
        assertThat(backend(PlatformService.SYNC_1C).received).singleElement()
                .extracting(StubBackend.Received::bodyBytes).isEqualTo((long) MAX_REQUEST_BYTES);
    }

    /** A body of the given size in 16 KB pieces, so that it is sent without a Content-Length. */
    private static Flux<DataBuffer> chunked(int bytes) {
        int piece = 16 * 1024;
        return Flux.range(0, (bytes + piece - 1) / piece)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[Math.min(piece, bytes - i * piece)]));
    }
}
