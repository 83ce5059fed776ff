package com.fruitfulplanet.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.auth.mfa.Totp;
import com.fruitfulplanet.platform.security.PlatformJwtProperties;
import com.fruitfulplanet.platform.test.PlatformIntegrationTest;
import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * auth-service's endpoints against real PostgreSQL and Redis: registration, login, tokens, refresh rotation and
 * reuse detection, user administration and ownership, throttling, TOTP, partners and key rotation. Each test uses
 * its own emails and client addresses, so they do not depend on order.
 */
@PlatformIntegrationTest
@TestPropertySource(properties = {
        "fruitfulplanet.auth.bootstrap-admin.email=" + AuthFlowsIT.ADMIN_EMAIL,
        "fruitfulplanet.auth.bootstrap-admin.password=" + AuthFlowsIT.ADMIN_PASSWORD,
        "fruitfulplanet.auth.login-throttle.free-failures=3",
        "fruitfulplanet.auth.login-throttle.max-delay=2s",
        "fruitfulplanet.auth.login-throttle.window=1m",
        "fruitfulplanet.auth.login-throttle.ip-max-failures=8",
        "fruitfulplanet.auth.login-throttle.ip-window=1m"})
class AuthFlowsIT {

    static final String ADMIN_EMAIL = "root@auth-flows.test";
    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-1";
    private static final String PASSWORD = "correct horse battery staple";
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    WebTestClient api() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    // --- registration -------------------------------------------------------------------------------------------

    @Test
    void registrationCreatesACustomerWhateverRolesTheBodyClaimsAndPublishesUserRegistered() {
        String email = unique("anna");
        String body = api().post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD, "name", "Anna", "roles", List.of("ADMIN")))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/v1/users/[0-9a-f-]{36}")
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(JsonPath.<String>read(body, "$.email")).isEqualTo(email);
        assertThat(JsonPath.<List<String>>read(body, "$.roles")).containsExactly("CUSTOMER");
        assertThat(body).doesNotContain("password", "hash");
        String id = JsonPath.read(body, "$.id");
        assertThat(outboxTypes(id)).containsExactly("com.fruitfulplanet.auth.UserRegistered.v1");
        String storedHash = db.sql("SELECT password_hash FROM user_account WHERE id = :id")
                .bind("id", UUID.fromString(id)).map(row -> row.get(0, String.class)).one().block();
        assertThat(storedHash).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
    }

    @Test
    void aSecondAccountForTheSameEmailInAnyCaseIsAConflict() {
        String email = unique("dup");
        register(email);
        api().post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email.toUpperCase(), "password", PASSWORD, "name", "Again"))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:duplicate-email");
    }

    @Test
    void weakPasswordsAndBadEmailsAreRefusedWithTheFieldNamed() {
        for (String weak : List.of("short", "password123", "qwertyuiop", "iloveyou1")) {
            api().post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("email", unique("weak"), "password", weak, "name", "W"))
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("password");
        }
        api().post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "not-an-email", "password", PASSWORD, "name", "W"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("email");
    }

    // --- login and tokens ---------------------------------------------------------------------------------------

    @Test
    void loginIssuesAnEs256AccessTokenWithTheAgreedClaimsAndMeAnswersWithIt() throws Exception {
        String email = unique("login");
        String id = register(email);
        Map<String, Object> tokens = login(email, PASSWORD, null);

        assertThat(tokens).containsEntry("tokenType", "Bearer").containsEntry("expiresIn", 900);
        SignedJWT jwt = SignedJWT.parse((String) tokens.get("accessToken"));
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(jwt.getHeader().getKeyID()).isNotBlank();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(PlatformJwtProperties.ISSUER);
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(PlatformJwtProperties.AUDIENCE);
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(id);
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("CUSTOMER");
        assertThat(jwt.getJWTClaimsSet().getJWTID()).isNotBlank();
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().getTime()
                - jwt.getJWTClaimsSet().getIssueTime().getTime()).isEqualTo(900_000);

        api().get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth((String) tokens.get("accessToken")))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(id).jsonPath("$.email").isEqualTo(email);
        String jwks = api().get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(JsonPath.<List<String>>read(jwks, "$.keys[*].kid")).contains(jwt.getHeader().getKeyID());
        assertThat(jwks).doesNotContain("\"d\"");
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
        String email = unique("enum");
        register(email);
        String address = nextAddress();
        String wrongPassword = failedLogin(email, "not the password at all", address);
        String unknownEmail = failedLogin(unique("nobody"), "not the password at all", address);

        assertThat(withoutVaryingFields(wrongPassword)).isEqualTo(withoutVaryingFields(unknownEmail));
        assertThat(JsonPath.<String>read(wrongPassword, "$.type"))
                .isEqualTo("urn:fruitfulplanet:problem:invalid-credentials");
    }

    @Test
    void aRefreshTokenWorksOnceAndItsReuseRevokesTheWholeFamily() {
        String email = unique("refresh");
        register(email);
        Map<String, Object> first = login(email, PASSWORD, null);
        Map<String, Object> second = refresh((String) first.get("refreshToken"), HttpStatus.OK);
        assertThat(second.get("refreshToken")).isNotEqualTo(first.get("refreshToken"));

        refresh((String) first.get("refreshToken"), HttpStatus.UNAUTHORIZED);
        refresh((String) second.get("refreshToken"), HttpStatus.UNAUTHORIZED);

        Map<String, Object> otherSession = login(email, PASSWORD, null);
        refresh((String) otherSession.get("refreshToken"), HttpStatus.OK);
    }

    @Test
    void logoutEndsTheSession() {
        String email = unique("logout");
        register(email);
        Map<String, Object> tokens = login(email, PASSWORD, null);
        api().post().uri("/api/v1/auth/logout").headers(h -> h.setBearerAuth((String) tokens.get("accessToken")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("refreshToken", tokens.get("refreshToken")))
                .exchange()
                .expectStatus().isNoContent();
        refresh((String) tokens.get("refreshToken"), HttpStatus.UNAUTHORIZED);
    }

    // --- users and ownership ------------------------------------------------------------------------------------

    @Test
    void aCustomerSeesOnlyThemselvesAndCannotChangeTheirRoles() {
        String mine = unique("own");
        String id = register(mine);
        String otherId = register(unique("other"));
        String token = accessToken(mine, PASSWORD);

        api().get().uri("/api/v1/users").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isForbidden();
        api().get().uri("/api/v1/users/" + otherId).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNotFound();
        api().delete().uri("/api/v1/users/" + otherId).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNotFound();
        api().put().uri("/api/v1/users/" + id).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", mine, "name", "Renamed", "roles", List.of("ADMIN", "CUSTOMER")))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Renamed").jsonPath("$.roles[0]").isEqualTo("CUSTOMER")
                .jsonPath("$.roles.length()").isEqualTo(1);
        assertThat(rolesOf(accessToken(mine, PASSWORD))).isEqualTo("[\"CUSTOMER\"]");
    }

    @Test
    void anAdminManagesUsersAndEveryChangeIsAuditedAndPublished() {
        String admin = accessToken(ADMIN_EMAIL, ADMIN_PASSWORD);
        String email = unique("managed");
        String id = register(email);
        Map<String, Object> session = login(email, PASSWORD, null);

        api().put().uri("/api/v1/users/" + id).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "name", "Manager now", "roles", List.of("MANAGER")))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.roles[0]").isEqualTo("MANAGER");
        api().delete().uri("/api/v1/users/" + id).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isNoContent();

        assertThat(outboxTypes(id)).containsExactly("com.fruitfulplanet.auth.UserRegistered.v1",
                "com.fruitfulplanet.auth.UserUpdated.v1", "com.fruitfulplanet.auth.UserDeleted.v1");
        String audit = api().get().uri("/api/v1/audit-log?limit=100").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(JsonPath.<List<String>>read(audit, "$.items[?(@.targetId == '" + id + "')].action"))
                .containsExactly("USER_DELETED", "USER_UPDATED");
        refresh((String) session.get("refreshToken"), HttpStatus.UNAUTHORIZED);
        failedLogin(email, PASSWORD, nextAddress());
        api().get().uri("/api/v1/users/" + id).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isNotFound();
        // The email is free again: the deleted account no longer holds it.
        register(email);
    }

    @Test
    void theUserListIsCursorPagedWithoutGapsOrRepeats() {
        String admin = accessToken(ADMIN_EMAIL, ADMIN_PASSWORD);
        for (int i = 0; i < 3; i++) {
            register(unique("paged"));
        }
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String uri = "/api/v1/users?limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
            String page = api().get().uri(uri).headers(h -> h.setBearerAuth(admin)).exchange()
                    .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
            List<String> ids = JsonPath.read(page, "$.items[*].id");
            assertThat(ids.size()).isLessThanOrEqualTo(2);
            seen.addAll(ids);
            cursor = JsonPath.read(page, "$.nextCursor");
            pages++;
        } while (cursor != null && pages < 500);
        assertThat(seen).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(4);
        api().get().uri("/api/v1/users?limit=1000").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isBadRequest();
        api().get().uri("/api/v1/users?cursor=%%%").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isBadRequest();
    }

    // --- throttling ---------------------------------------------------------------------------------------------

    @Test
    void repeatedFailuresLockTheAccountBrieflyAndTheOwnerGetsInAfterwards() throws InterruptedException {
        String email = unique("brute");
        register(email);
        String attacker = nextAddress();
        for (int i = 0; i < 3; i++) {
            failedLogin(email, "guess-number-" + i, attacker);
        }
        failedLogin(email, "guess-number-3", attacker);

        EntityExchangeResult<String> locked = loginAttempt(email, PASSWORD, nextAddress());
        assertThat(locked.getStatus().value()).as("even the right password waits out the lock").isEqualTo(429);
        assertThat(Integer.parseInt(locked.getResponseHeaders().getFirst("Retry-After"))).isBetween(1, 2);
        assertThat(JsonPath.<String>read(locked.getResponseBody(), "$.type"))
                .isEqualTo("urn:fruitfulplanet:problem:too-many-login-attempts");

        Thread.sleep(2_100);
        assertThat(loginAttempt(email, PASSWORD, nextAddress()).getStatus().value()).isEqualTo(200);
    }

    @Test
    void anUnknownEmailIsThrottledExactlyLikeAKnownOne() {
        String address = nextAddress();
        String ghost = unique("ghost");
        for (int i = 0; i < 4; i++) {
            loginAttempt(ghost, "guess-" + i, address);
        }
        assertThat(loginAttempt(ghost, "guess-x", address).getStatus().value()).isEqualTo(429);
    }

    @Test
    void anAddressSprayingManyAccountsIsRefusedWhileOthersAreNot() {
        String sprayer = nextAddress();
        for (int i = 0; i < 8; i++) {
            loginAttempt(unique("spray"), "guess-" + i, sprayer);
        }
        String victim = unique("victim");
        register(victim);
        assertThat(loginAttempt(victim, PASSWORD, sprayer).getStatus().value()).isEqualTo(429);
        assertThat(loginAttempt(victim, PASSWORD, nextAddress()).getStatus().value()).isEqualTo(200);
    }

    // --- TOTP ---------------------------------------------------------------------------------------------------

    @Test
    void withTotpEnabledLoginNeedsAFreshCode() {
        String email = unique("totp");
        register(email);
        String token = accessToken(email, PASSWORD);
        String enrolment = api().post().uri("/api/v1/auth/mfa/totp").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        String secret = JsonPath.read(enrolment, "$.secret");
        assertThat(JsonPath.<String>read(enrolment, "$.otpauthUri")).startsWith("otpauth://totp/FruitfulPlanet:");
        Totp totp = new Totp(Clock.systemUTC());

        api().post().uri("/api/v1/auth/mfa/totp/verify").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", "000000".equals(totp.currentCode(secret))
                        ? "111111" : "000000"))
                .exchange().expectStatus().isBadRequest();
        String enrolCode = totp.currentCode(secret);
        api().post().uri("/api/v1/auth/mfa/totp/verify").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", enrolCode))
                .exchange().expectStatus().isNoContent();

        EntityExchangeResult<String> withoutCode = loginAttempt(email, PASSWORD, nextAddress());
        assertThat(withoutCode.getStatus().value()).isEqualTo(401);
        assertThat(JsonPath.<String>read(withoutCode.getResponseBody(), "$.type"))
                .isEqualTo("urn:fruitfulplanet:problem:mfa-required");
        // The code used to enrol is spent; the same step cannot log in.
        assertThat(loginAttemptWithCode(email, enrolCode).getStatus().value()).isEqualTo(401);
    }

    // --- partners -----------------------------------------------------------------------------------------------

    @Test
    void aPartnerGetsTokensWithBasicCredentialsOrAnApiKeyUntilItIsRevoked() throws Exception {
        String admin = accessToken(ADMIN_EMAIL, ADMIN_PASSWORD);
        String email = unique("onec");
        String created = api().post().uri("/api/v1/partners").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", email, "name", "Shop 1C"))
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        String partnerId = JsonPath.read(created, "$.account.id");
        String password = JsonPath.read(created, "$.password");

        String basic = Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
        String viaBasic = api().post().uri("/api/v1/auth/partner-token").header("Authorization", "Basic " + basic)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(SignedJWT.parse(JsonPath.read(viaBasic, "$.accessToken")).getJWTClaimsSet()
                .getStringListClaim("roles")).containsExactly("PARTNER");
        String wrong = Base64.getEncoder().encodeToString((email + ":nope").getBytes(StandardCharsets.UTF_8));
        api().post().uri("/api/v1/auth/partner-token").header("Authorization", "Basic " + wrong)
                .header("X-Forwarded-For", nextAddress()).exchange().expectStatus().isUnauthorized();

        String key = api().post().uri("/api/v1/partners/" + partnerId + "/api-keys").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "price feed"))
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        String apiKey = JsonPath.read(key, "$.key");
        assertThat(apiKey).matches("fpk_[a-z0-9]{12}_[A-Za-z0-9_-]{43}");
        api().post().uri("/api/v1/auth/partner-token").header("X-API-Key", apiKey).exchange().expectStatus().isOk();
        api().post().uri("/api/v1/auth/partner-token").header("X-API-Key", apiKey + "x").exchange()
                .expectStatus().isUnauthorized();

        api().delete().uri("/api/v1/partners/" + partnerId + "/api-keys/" + JsonPath.read(key, "$.id"))
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isNoContent();
        api().post().uri("/api/v1/auth/partner-token").header("X-API-Key", apiKey).exchange()
                .expectStatus().isUnauthorized();
        String stored = db.sql("SELECT encode(secret_hash, 'hex') FROM api_key WHERE account_id = :id")
                .bind("id", UUID.fromString(partnerId)).map(row -> row.get(0, String.class)).one().block();
        assertThat(apiKey).doesNotContain(stored);

        String customer = accessToken(registerAndReturnEmail(), PASSWORD);
        api().post().uri("/api/v1/partners").headers(h -> h.setBearerAuth(customer))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", unique("x"), "name", "X"))
                .exchange().expectStatus().isForbidden();
    }

    // --- keys ---------------------------------------------------------------------------------------------------

    @Test
    void afterARotationNewTokensUseTheNewKeyAndOldTokensStillWork() throws Exception {
        String admin = accessToken(ADMIN_EMAIL, ADMIN_PASSWORD);
        String oldKid = SignedJWT.parse(admin).getHeader().getKeyID();
        String rotated = api().post().uri("/api/v1/auth/signing-keys/rotate").headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        String newKid = JsonPath.read(rotated, "$.activeKeyId");
        assertThat(newKid).isNotEqualTo(oldKid);

        String jwks = api().get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(JsonPath.<List<String>>read(jwks, "$.keys[*].kid")).contains(oldKid, newKid);
        String fresh = accessToken(ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(SignedJWT.parse(fresh).getHeader().getKeyID()).isEqualTo(newKid);
        api().get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk();
    }

    // --- connections ------------------------------------------------------------------------------------------

    /**
     * A client that keeps its connection alive (as the gateway does) and mixes requests that touch the database with
     * ones that do not gets every answer. With Reactor Netty 1.3.6 one of them, every few dozen, was never answered
     * (reactor/reactor-netty#4188; see the root pom).
     */
    @Test
    void aKeptAliveConnectionAnswersEveryRequestOfAMixedSequence() throws Exception {
        String email = unique("keepalive");
        register(email);
        String token = accessToken(email, PASSWORD);
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 150; i++) {
            for (String path : List.of("/.well-known/jwks.json", "/api/v1/auth/me")) {
                java.net.http.HttpResponse<String> response = client.send(java.net.http.HttpRequest
                                .newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as("request %d to %s", i, path).isEqualTo(200);
            }
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@auth-flows.test";
    }

    private static String nextAddress() {
        int n = ADDRESSES.getAndIncrement();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    private String register(String email) {
        String body = api().post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD, "name", "Test"))
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        return JsonPath.read(body, "$.id");
    }

    private String registerAndReturnEmail() {
        String email = unique("plain");
        register(email);
        return email;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> login(String email, String password, String totp) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("email", email, "password", password));
        if (totp != null) {
            body.put("totp", totp);
        }
        return api().post().uri("/api/v1/auth/login").header("X-Forwarded-For", nextAddress())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private String accessToken(String email, String password) {
        return (String) login(email, password, null).get("accessToken");
    }

    private EntityExchangeResult<String> loginAttempt(String email, String password, String address) {
        return api().post().uri("/api/v1/auth/login").header("X-Forwarded-For", address)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", email, "password", password))
                .exchange().expectBody(String.class).returnResult();
    }

    private EntityExchangeResult<String> loginAttemptWithCode(String email, String code) {
        return api().post().uri("/api/v1/auth/login").header("X-Forwarded-For", nextAddress())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD, "totp", code))
                .exchange().expectBody(String.class).returnResult();
    }

    private String failedLogin(String email, String password, String address) {
        EntityExchangeResult<String> result = loginAttempt(email, password, address);
        assertThat(result.getStatus().value()).isEqualTo(401);
        return result.getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> refresh(String refreshToken, HttpStatus expected) {
        return api().post().uri("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", refreshToken))
                .exchange().expectStatus().isEqualTo(expected).expectBody(Map.class).returnResult().getResponseBody();
    }

    private static String rolesOf(String accessToken) {
        try {
            return new tools.jackson.databind.json.JsonMapper().writeValueAsString(
                    SignedJWT.parse(accessToken).getJWTClaimsSet().getStringListClaim("roles"));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String withoutVaryingFields(String problem) {
        return problem.replaceAll("\"traceId\":\"[^\"]*\"", "").replaceAll("\"instance\":\"[^\"]*\"", "");
    }

    private List<String> outboxTypes(String aggregateId) {
        return db.sql("SELECT event_type FROM outbox_event WHERE event_key = :key ORDER BY id")
                .bind("key", aggregateId).map(row -> row.get(0, String.class)).all().collectList().block();
    }
}
