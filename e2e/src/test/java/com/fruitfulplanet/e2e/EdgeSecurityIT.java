package com.fruitfulplanet.e2e;

import com.fruitfulplanet.e2e.LocalDevStack.RecordedPid;
import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's edge against the OWASP API Security Top 10 (2023), end to end: the real platform started once with
 * {@code ./devstack up} (small limits set through its environment, which every service inherits), every request
 * through the gateway on 127.0.0.1:8080, the way a client on the internet would send it.
 *
 * <ul>
 *   <li>API1 (object level): another user's account is a 404 to a customer, whatever the method.</li>
 *   <li>API2 (authentication): forged, unsigned, algorithm-confused, unknown-key, expired and misaddressed tokens are
 *       401 at the edge; refresh-token reuse ends the whole session family; failed logins are throttled and say
 *       nothing about which accounts exist.</li>
 *   <li>API3 (property level): {@code roles} (and other server-owned fields) in a body are ignored.</li>
 *   <li>API4 (resources): the gateway's buckets, {@code X-RateLimit-Remaining} on every answer, 429 with
 *       {@code Retry-After}.</li>
 *   <li>API5 (function level): admin functions are 403 to a customer.</li>
 *   <li>API8 (misconfiguration): security headers, no CORS for strangers, actuator never routed.</li>
 * </ul>
 *
 * The gateway is told to trust one proxy hop ({@code trusted-proxy-hops=1}), as behind an ingress, so each test
 * speaks from its own client address ({@code X-Forwarded-For}) and the per-address buckets of one test do not
 * spend another's. auth-service signs with a key this test generated and hands it through the environment
 * ({@code FRUITFULPLANET_AUTH_TOKENS_SIGNING_KEYS}), so the test can mint tokens that are correctly signed but wrong
 * otherwise (expired, wrong audience, wrong issuer).
 */
@Order(2) // after LocalPlatformIT, see junit-platform.properties
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdgeSecurityIT {

    private static final URI GATEWAY = URI.create("http://127.0.0.1:8080");
    private static final String PASSWORD = "correct horse battery staple";
    private static final String ISSUER = "urn:fruitfulplanet:auth-service";
    private static final String AUDIENCE = "fruitfulplanet-api";
    private static final String ADMIN_EMAIL = "admin@fruitfulplanet.local";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM = "urn:fruitfulplanet:problem:";

    /** The limits the platform runs with here: small, so that exceeding them takes few requests. */
    private static final int DEFAULT_LIMIT = 30;
    private static final int FREE_LOGIN_FAILURES = 3;
    private static final Duration MAX_LOGIN_DELAY = Duration.ofSeconds(2);
    private static final int ADDRESS_MAX_LOGIN_FAILURES = 12;
    private static final Duration ADDRESS_LOGIN_WINDOW = Duration.ofSeconds(60);

    private static final Duration CLASS_DATA_TIMEOUT = Duration.ofSeconds(240);

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** Different in every run, so buckets and locks a recent run left in Redis are never this run's. */
    private static final int RUN = ThreadLocalRandom.current().nextInt(256);
    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    private static final ECKey SIGNING_KEY = newKey("e2e-" + UUID.randomUUID());

    private static LocalDevStack devstack;
    private static final List<RecordedPid> started = new ArrayList<>();
    private static Instant ready;

    @BeforeAll
    static void startThePlatformWithSmallLimits() throws Exception {
        LocalDevStack.stopLeftoversOfAnEarlierRun();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("FRUITFULPLANET_AUTH_LOGIN_THROTTLE_FREE_FAILURES", Integer.toString(FREE_LOGIN_FAILURES));
        environment.put("FRUITFULPLANET_AUTH_LOGIN_THROTTLE_MAX_DELAY", MAX_LOGIN_DELAY.toSeconds() + "s");
        environment.put("FRUITFULPLANET_AUTH_LOGIN_THROTTLE_WINDOW", "1m");
        environment.put("FRUITFULPLANET_AUTH_LOGIN_THROTTLE_IP_MAX_FAILURES",
                Integer.toString(ADDRESS_MAX_LOGIN_FAILURES));
        // Longer than this class runs, so that an address lock lasts beyond the last test whenever the window began.
        environment.put("FRUITFULPLANET_AUTH_LOGIN_THROTTLE_IP_WINDOW", ADDRESS_LOGIN_WINDOW.toSeconds() + "s");
        environment.put("FRUITFULPLANET_AUTH_TOKENS_SIGNING_KEYS", new JWKSet(SIGNING_KEY).toString(false));
        environment.put("FRUITFULPLANET_GATEWAY_RATE_LIMIT_DEFAULT_LIMIT_REQUESTS", Integer.toString(DEFAULT_LIMIT));
        environment.put("FRUITFULPLANET_GATEWAY_RATE_LIMIT_DEFAULT_LIMIT_PERIOD", "1m");
        environment.put("FRUITFULPLANET_GATEWAY_RATE_LIMIT_TRUSTED_PROXY_HOPS", "1");
        // The auth rule (login, register, refresh, partner-token per address) keeps the gateway's own, stricter limit.

        devstack = LocalDevStack.up("edge-security", environment);
        String readyLine = devstack.awaitReady();
        started.addAll(LocalDevStack.recordedProcesses());
        System.out.println("devstack: " + readyLine.strip());
        // Services that started without a class-data archive get one saved now, each pausing for seconds meanwhile
        // (long enough for the gateway to time out); the tests start after that.
        if (started.stream().anyMatch(process -> process.commandLine().contains("-XX:+RecordDynamicDumpInfo"))) {
            System.out.println("class data: " + devstack.awaitClassDataSaved(CLASS_DATA_TIMEOUT).map(String::strip)
                    .orElse("not saved within " + CLASS_DATA_TIMEOUT.toSeconds() + " s"));
        }
        // A service that died meanwhile (the JVM has crashed after saving its class data) fails every test below.
        assertThat(started).filteredOn(process -> !process.name().equals("devstack"))
                .as("every process devstack started is still running (see %s)", LocalDevStack.HOME.resolve("logs"))
                .allSatisfy(process -> assertThat(process.isAlive()).as(process.name()).isTrue());
        ready = Instant.now();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (ready != null) {
            String took = "EdgeSecurityIT: %.1f s of tests after the platform was ready%n"
                    .formatted(Duration.between(ready, Instant.now()).toMillis() / 1000.0);
            System.out.print(took);
            Files.writeString(LocalDevStack.TARGET.resolve("edge-security-time.txt"), took);
        }
        if (devstack != null) {
            devstack.stopWhateverHappened(started);
        } else {
            LocalDevStack.stopRecorded(started);
        }
    }

    // ---- normal flows ------------------------------------------------------------------------------------------

    @Test
    void registerLoginMeRefreshAndLogoutWorkEndToEnd() {
        String address = nextAddress();
        String email = uniqueEmail("flow");
        String id = register(address, email);

        Tokens first = login(address, email, PASSWORD);
        Reply me = call("GET", "/api/v1/auth/me").from(address).bearer(first.access()).send();
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.<String>json("$.id")).isEqualTo(id);
        assertThat(me.<String>json("$.email")).isEqualTo(email);
        assertThat(me.<List<String>>json("$.roles")).containsExactly("CUSTOMER");
        assertThat(me.body()).doesNotContainIgnoringCase("password").doesNotContainIgnoringCase("hash");

        Tokens second = refresh(address, first.refresh());
        assertThat(second.refresh()).isNotEqualTo(first.refresh());
        assertThat(second.access()).isNotEqualTo(first.access());
        assertThat(call("GET", "/api/v1/auth/me").from(address).bearer(second.access()).send().status())
                .isEqualTo(200);

        Reply logout = call("POST", "/api/v1/auth/logout").from(address).bearer(second.access())
                .json(Map.of("refreshToken", second.refresh())).send();
        assertThat(logout.status()).as(logout.body()).isEqualTo(204);
        Reply afterLogout = call("POST", "/api/v1/auth/refresh").from(address)
                .json(Map.of("refreshToken", second.refresh())).send();
        assertProblem(afterLogout, 401, "invalid-refresh-token");
    }

    @Test
    void theDemoCatalogIsOpenToEveryoneAndOnlyStaffChangeIt() throws Exception {
        // devstack loads the demo shop in the background once catalog-service is up.
        Reply list = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            list = call("GET", "/api/v1/products?inStock=true&sort=price").from(nextAddress()).send();
            if (list.status() == 200 && !list.<List<?>>json("$.items").isEmpty()) {
                break;
            }
            Thread.sleep(1000);
        }
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.<List<?>>json("$.items")).as("the demo catalog, a first page").hasSize(20);
        assertThat(list.<String>json("$.nextCursor")).isNotNull();
        List<Double> prices = list.<List<String>>json("$.items[*].price.amount").stream()
                .map(Double::valueOf).toList();
        assertThat(prices).isSorted();

        String address = nextAddress();
        Reply apples = call("GET", "/api/v1/products?q=" + URLEncoder.encode("яблоко", StandardCharsets.UTF_8))
                .from(address).send();
        assertThat(apples.status()).as(apples.body()).isEqualTo(200);
        assertThat(apples.<List<String>>json("$.items[*].name")).isNotEmpty()
                .allSatisfy(name -> assertThat(name.toLowerCase(Locale.ROOT)).contains("ябл"));
        assertThat(call("GET", "/api/v1/sectors").from(address).send().<List<?>>json("$.items")).hasSize(5);

        String brandId = list.json("$.items[0].brandId");
        Map<String, Object> product = Map.of("sku", "E2E-" + RUN + "-" + UUID.randomUUID().toString().substring(0, 8),
                "name", "Груша e2e", "brandId", brandId, "price", Map.of("amount", "99.90", "currency", "RUB"));
        assertProblem(call("POST", "/api/v1/products").from(address).json(product).send(), 401, "unauthorized");
        Instant now = Instant.now();
        String customer = sign(SIGNING_KEY, SIGNING_KEY.getKeyID(), claims(UUID.randomUUID().toString(),
                List.of("CUSTOMER"), ISSUER, AUDIENCE, now, now.plusSeconds(300)));
        String manager = sign(SIGNING_KEY, SIGNING_KEY.getKeyID(), claims(UUID.randomUUID().toString(),
                List.of("MANAGER"), ISSUER, AUDIENCE, now, now.plusSeconds(300)));
        assertProblem(call("POST", "/api/v1/products").from(address).bearer(customer).json(product).send(), 403,
                "forbidden");

        Reply created = call("POST", "/api/v1/products").from(address).bearer(manager).json(product).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json("$.id");
        Reply stock = call("PUT", "/api/v1/products/" + id + "/stock").from(address).bearer(manager)
                .json(Map.of("quantity", 7)).send();
        assertThat(stock.status()).as(stock.body()).isEqualTo(200);
        Reply read = call("GET", "/api/v1/products/" + id).from(address).send();
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.<String>json("$.price.amount")).isEqualTo("99.90");
        assertThat(read.<Integer>json("$.availableQuantity")).isEqualTo(7);

        // The 1C bulk API is internal: the gateway does not route it.
        Reply internal = call("POST", "/internal/v1/catalog/batches").from(address).bearer(manager)
                .json(Map.of()).send();
        assertThat(internal.status()).isIn(401, 403, 404);
    }

    @Test
    void theBootstrapAdminListsUsersAndPromotesACustomerWhichTheAuditLogRecords() throws IOException {
        String adminPassword = adminPasswordFromTheSecretsFile();
        assertThat(devstack.output()).as("devstack's ready report shows the admin login")
                .anySatisfy(line -> assertThat(line).contains("Admin login").contains(ADMIN_EMAIL)
                        .contains(adminPassword));
        String address = nextAddress();
        Tokens admin = login(address, ADMIN_EMAIL, adminPassword);
        assertThat(claims(admin.access()).getClaim("roles")).isEqualTo(List.of("ADMIN"));
        String adminId = claims(admin.access()).getSubject();

        Reply admins = call("GET", "/api/v1/users?role=ADMIN&limit=100").from(address).bearer(admin.access()).send();
        assertThat(admins.status()).as(admins.body()).isEqualTo(200);
        assertThat(admins.<List<String>>json("$.items[*].email")).contains(ADMIN_EMAIL);
        Reply everyone = call("GET", "/api/v1/users?limit=5").from(address).bearer(admin.access()).send();
        assertThat(everyone.status()).as(everyone.body()).isEqualTo(200);
        assertThat(everyone.<List<Object>>json("$.items")).isNotEmpty().hasSizeLessThanOrEqualTo(5);

        String email = uniqueEmail("promoted");
        String id = register(address, email);
        Reply promoted = call("PUT", "/api/v1/users/" + id).from(address).bearer(admin.access())
                .json(Map.of("email", email, "name", "Manager now", "roles", List.of("MANAGER"))).send();
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
        assertThat(promoted.<List<String>>json("$.roles")).containsExactly("MANAGER");

        Tokens manager = login(address, email, PASSWORD);
        assertThat(claims(manager.access()).getClaim("roles")).isEqualTo(List.of("MANAGER"));
        assertThat(call("GET", "/api/v1/users").from(address).bearer(manager.access()).send().status())
                .as("a manager is not an admin").isEqualTo(403);

        Reply audit = call("GET", "/api/v1/audit-log?limit=100").from(address).bearer(admin.access()).send();
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        List<Map<String, Object>> entries = audit.json("$.items[?(@.targetId == '" + id + "')]");
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry).containsEntry("action", "USER_UPDATED").containsEntry("actorId", adminId);
            assertThat(JsonPath.<List<String>>read(entry, "$.details.rolesBefore")).containsExactly("CUSTOMER");
            assertThat(JsonPath.<List<String>>read(entry, "$.details.rolesAfter")).containsExactly("MANAGER");
        });
    }

    // ---- API2: broken authentication ---------------------------------------------------------------------------

    @Test
    void onlyTokensSignedByAuthServiceForThisPlatformAndStillValidGetIn() throws Exception {
        String address = nextAddress();
        String email = uniqueEmail("tokens");
        String id = register(address, email);
        Tokens real = login(address, email, PASSWORD);
        String kid = SignedJWT.parse(real.access()).getHeader().getKeyID();
        assertThat(kid).isEqualTo(SIGNING_KEY.getKeyID());

        Reply jwks = call("GET", "/.well-known/jwks.json").from(address).send();
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.<List<String>>json("$.keys[*].kid")).contains(kid);
        assertThat(jwks.body()).as("only public keys are published").doesNotContain("\"d\"");
        ECKey published = (ECKey) JWKSet.parse(jwks.body()).getKeyByKeyId(kid);

        Instant now = Instant.now();
        // The control: a token minted here with the real key and the right claims works, so every refusal below is
        // for the one thing that is wrong with it.
        String good = sign(SIGNING_KEY, kid,
                claims(id, List.of("CUSTOMER"), ISSUER, AUDIENCE, now, now.plusSeconds(300)));
        Reply control = call("GET", "/api/v1/auth/me").from(address).bearer(good).send();
        assertThat(control.status()).as(control.body()).isEqualTo(200);
        assertThat(control.<String>json("$.id")).isEqualTo(id);

        // Those that would pass claim ADMIN and ask for the user list; those that are the user's own ask for "me".
        JWTClaimsSet asAdmin = claims(id, List.of("ADMIN"), ISSUER, AUDIENCE, now, now.plusSeconds(300));
        String users = "/api/v1/users";
        String me = "/api/v1/auth/me";
        List<Forged> refused = List.of(
                new Forged("signed with another key under the real kid", sign(newKey(kid), kid, asAdmin), users),
                new Forged("alg none", unsigned(kid, asAdmin), users),
                new Forged("HS256 keyed with the public key (DER)",
                        hmac(published.toECPublicKey().getEncoded(), kid, asAdmin), users),
                new Forged("HS256 keyed with the published JWK",
                        hmac(published.toJSONString().getBytes(StandardCharsets.UTF_8), kid, asAdmin), users),
                new Forged("unknown kid", sign(newKey("unknown-" + UUID.randomUUID()), null, asAdmin), users),
                new Forged("a real token with its payload changed", withPayload(real.access(), asAdmin), users),
                new Forged("expired", sign(SIGNING_KEY, kid, claims(id, List.of("CUSTOMER"), ISSUER, AUDIENCE,
                        now.minusSeconds(1200), now.minusSeconds(600))), me),
                new Forged("not valid yet", sign(SIGNING_KEY, kid, new JWTClaimsSet.Builder(
                        claims(id, List.of("CUSTOMER"), ISSUER, AUDIENCE, now, now.plusSeconds(1200)))
                        .notBeforeTime(Date.from(now.plusSeconds(600))).build()), me),
                new Forged("wrong audience", sign(SIGNING_KEY, kid, claims(id, List.of("CUSTOMER"), ISSUER,
                        "some-other-api", now, now.plusSeconds(300))), me),
                new Forged("wrong issuer", sign(SIGNING_KEY, kid, claims(id, List.of("CUSTOMER"),
                        "https://issuer.example", AUDIENCE, now, now.plusSeconds(300))), me),
                new Forged("no expiry", sign(SIGNING_KEY, kid, new JWTClaimsSet.Builder(
                        claims(id, List.of("CUSTOMER"), ISSUER, AUDIENCE, now, now.plusSeconds(300)))
                        .expirationTime(null).build()), me),
                new Forged("not a JWT at all", "not.a.jwt", me));

        for (Forged forged : refused) {
            Reply reply = call("GET", forged.path()).from(address).bearer(forged.token()).send();
            assertThat(reply.status()).as("%s: %s", forged.why(), reply.body()).isEqualTo(401);
            assertThat(reply.header("Content-Type")).as(forged.why()).startsWith(PROBLEM_JSON);
            assertThat(reply.header("WWW-Authenticate")).as(forged.why()).startsWith("Bearer");
            assertThat(reply.<String>json("$.type")).as(forged.why()).isEqualTo(PROBLEM + "unauthorized");
            assertThat(reply.body()).as(forged.why()).doesNotContain("Exception", "at com.", "at org.");
        }

        // A bad token is refused wherever it is sent, public endpoints included, never silently ignored.
        Reply publicPath = call("POST", "/api/v1/auth/login").from(address).bearer(unsigned(kid, asAdmin))
                .json(Map.of("email", email, "password", PASSWORD)).send();
        assertThat(publicPath.status()).as(publicPath.body()).isEqualTo(401);
        // A token belongs in the Authorization header; in a query string it would end up in access logs.
        Reply inQuery = call("GET", "/api/v1/auth/me?access_token=" + real.access()).from(address).send();
        assertThat(inQuery.status()).as(inQuery.body()).isEqualTo(401);
        // The real token still works.
        assertThat(call("GET", "/api/v1/auth/me").from(address).bearer(real.access()).send().status()).isEqualTo(200);
    }

    @Test
    void reusingASpentRefreshTokenRevokesTheWholeFamily() {
        String address = nextAddress();
        String email = uniqueEmail("reuse");
        register(address, email);
        Tokens first = login(address, email, PASSWORD);
        Tokens second = refresh(address, first.refresh());

        Reply reuse = call("POST", "/api/v1/auth/refresh").from(address)
                .json(Map.of("refreshToken", first.refresh())).send();
        assertProblem(reuse, 401, "invalid-refresh-token");
        Reply newer = call("POST", "/api/v1/auth/refresh").from(address)
                .json(Map.of("refreshToken", second.refresh())).send();
        assertProblem(newer, 401, "invalid-refresh-token");

        // Another session (another family) of the same user is not affected.
        Tokens otherSession = login(address, email, PASSWORD);
        refresh(address, otherSession.refresh());
    }

    @Test
    void repeatedFailedLoginsLockTheAccountBrieflyAndTheOwnerGetsInAfterwards() throws InterruptedException {
        String email = uniqueEmail("brute");
        register(nextAddress(), email);
        String attacker = nextAddress();
        for (int i = 0; i < FREE_LOGIN_FAILURES; i++) {
            Reply reply = loginAttempt(attacker, email, "guess-number-" + i);
            assertProblem(reply, 401, "invalid-credentials");
        }
        // The next failures lock the account for 1 s, then 2 s (the maximum here); the attacker soon gets 429.
        Reply locked = null;
        for (int i = 0; i < 3 && (locked == null || locked.status() != 429); i++) {
            locked = loginAttempt(attacker, email, "guess-more-" + i);
            assertThat(locked.status()).as(locked.body()).isIn(401, 429);
        }
        assertThat(locked.status()).as("the attacker is throttled").isEqualTo(429);

        Reply owner = loginAttempt(nextAddress(), email, PASSWORD);
        assertProblem(owner, 429, "too-many-login-attempts");
        long retryAfter = Long.parseLong(owner.header("Retry-After"));
        assertThat(retryAfter).as("the owner never waits longer than max-delay").isBetween(1L,
                MAX_LOGIN_DELAY.toSeconds());

        Thread.sleep(Duration.ofSeconds(retryAfter).plusMillis(300));
        Reply later = loginAttempt(nextAddress(), email, PASSWORD);
        assertThat(later.status()).as("the owner gets in after the wait: %s", later.body()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
        String address = nextAddress();
        String email = uniqueEmail("enum");
        register(address, email);

        Reply wrongPassword = loginAttempt(address, email, "not the password at all");
        Reply unknownEmail = loginAttempt(address, uniqueEmail("nobody"), "not the password at all");

        assertProblem(wrongPassword, 401, "invalid-credentials");
        assertThat(unknownEmail.status()).isEqualTo(wrongPassword.status());
        assertThat(withoutVaryingFields(unknownEmail.body())).isEqualTo(withoutVaryingFields(wrongPassword.body()));
        assertThat(unknownEmail.header("Content-Type")).isEqualTo(wrongPassword.header("Content-Type"));
        assertThat(unknownEmail.headerNames()).isEqualTo(wrongPassword.headerNames());
    }

    // ---- API1, API3, API5: authorisation -----------------------------------------------------------------------

    @Test
    void aCustomerCannotReadChangeOrDeleteAnotherUserNorListUsers() {
        String address = nextAddress();
        String mine = uniqueEmail("bola-me");
        register(address, mine);
        String otherEmail = uniqueEmail("bola-other");
        String other = register(address, otherEmail);
        Tokens me = login(address, mine, PASSWORD);

        Reply read = call("GET", "/api/v1/users/" + other).from(address).bearer(me.access()).send();
        Reply change = call("PUT", "/api/v1/users/" + other).from(address).bearer(me.access())
                .json(Map.of("email", otherEmail, "name", "Taken over", "roles", List.of("CUSTOMER"))).send();
        Reply delete = call("DELETE", "/api/v1/users/" + other).from(address).bearer(me.access()).send();
        Reply nobody = call("GET", "/api/v1/users/" + UUID.randomUUID()).from(address).bearer(me.access()).send();
        for (Reply reply : List.of(read, change, delete)) {
            assertProblem(reply, 404, "not-found");
            // Exactly what an id that does not exist gets: nothing tells that this one does.
            assertThat(withoutVaryingFields(reply.body())).isEqualTo(withoutVaryingFields(nobody.body()));
        }
        assertProblem(call("GET", "/api/v1/users").from(address).bearer(me.access()).send(), 403, "forbidden");

        Tokens theOther = login(address, otherEmail, PASSWORD);
        Reply untouched = call("GET", "/api/v1/auth/me").from(address).bearer(theOther.access()).send();
        assertThat(untouched.status()).as("the other account still exists").isEqualTo(200);
        assertThat(untouched.<String>json("$.name")).isEqualTo("E2E user");
    }

    @Test
    void rolesAndOtherServerOwnedFieldsInRequestBodiesAreIgnored() throws Exception {
        String address = nextAddress();
        String email = uniqueEmail("mass");
        String injectedId = UUID.randomUUID().toString();
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("email", email);
        registration.put("password", PASSWORD);
        registration.put("name", "Mallory");
        registration.put("roles", List.of("ADMIN"));
        registration.put("id", injectedId);
        registration.put("mfaEnabled", true);
        Reply registered = call("POST", "/api/v1/auth/register").from(address).json(registration).send();
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.<List<String>>json("$.roles")).containsExactly("CUSTOMER");
        assertThat(registered.<String>json("$.id")).isNotEqualTo(injectedId);
        assertThat(registered.<Boolean>json("$.mfaEnabled")).isFalse();
        String id = registered.json("$.id");

        Tokens tokens = login(address, email, PASSWORD);
        assertThat(claims(tokens.access()).getClaim("roles")).isEqualTo(List.of("CUSTOMER"));
        Reply selfUpdate = call("PUT", "/api/v1/users/" + id).from(address).bearer(tokens.access())
                .json(Map.of("email", email, "name", "Mallory the admin", "roles", List.of("ADMIN", "MANAGER")))
                .send();
        assertThat(selfUpdate.status()).as(selfUpdate.body()).isEqualTo(200);
        assertThat(selfUpdate.<String>json("$.name")).as("the allowed change is made").isEqualTo("Mallory the admin");
        assertThat(selfUpdate.<List<String>>json("$.roles")).containsExactly("CUSTOMER");

        Tokens fresh = login(address, email, PASSWORD);
        assertThat(claims(fresh.access()).getClaim("roles")).isEqualTo(List.of("CUSTOMER"));
        Reply me = call("GET", "/api/v1/auth/me").from(address).bearer(fresh.access()).send();
        assertThat(me.<List<String>>json("$.roles")).containsExactly("CUSTOMER");
        assertThat(call("GET", "/api/v1/users").from(address).bearer(fresh.access()).send().status()).isEqualTo(403);
    }

    @Test
    void adminFunctionsAreForbiddenToACustomerAndNeedATokenAtAll() {
        String address = nextAddress();
        String email = uniqueEmail("function");
        register(address, email);
        Tokens customer = login(address, email, PASSWORD);

        List<Call> adminOnly = List.of(
                call("GET", "/api/v1/users"),
                call("GET", "/api/v1/users?role=ADMIN"),
                call("GET", "/api/v1/partners"),
                call("POST", "/api/v1/partners").json(Map.of("email", uniqueEmail("partner"), "name", "1C")),
                call("GET", "/api/v1/audit-log"),
                call("POST", "/api/v1/auth/signing-keys/rotate"));
        for (Call request : adminOnly) {
            assertProblem(request.from(address).bearer(customer.access()).send(), 403, "forbidden");
            assertProblem(request.from(address).bearer(null).send(), 401, "unauthorized");
        }
    }

    // ---- API4: rate limits -------------------------------------------------------------------------------------

    @Test
    void exceedingTheLimitGets429WithRetryAfterAndEveryAnswerCountsDown() throws Exception {
        String email = uniqueEmail("limited");
        register(nextAddress(), email);
        Tokens user = login(nextAddress(), email, PASSWORD);
        Instant now = Instant.now();
        String forged = sign(newKey(SIGNING_KEY.getKeyID()), SIGNING_KEY.getKeyID(),
                claims(claims(user.access()).getSubject(), List.of("CUSTOMER"), ISSUER, AUDIENCE, now,
                        now.plusSeconds(300)));

        String address = nextAddress();
        List<Long> remaining = new ArrayList<>();
        Reply reply = null;
        for (int i = 0; i < DEFAULT_LIMIT + 5; i++) {
            reply = call("GET", "/api/v1/auth/me").from(address).send();
            remaining.add(reply.remaining());
            if (reply.status() == 429) {
                break;
            }
            assertThat(reply.status()).as("without a token: %s", reply.body()).isEqualTo(401);
            assertThat(reply.header("X-RateLimit-Limit")).isEqualTo(Integer.toString(DEFAULT_LIMIT));
        }
        assertThat(reply.status()).as("after %d requests within a minute", remaining.size()).isEqualTo(429);
        assertThat(remaining.getFirst()).isEqualTo(DEFAULT_LIMIT - 1);
        assertThat(remaining).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(remaining.getLast()).isZero();
        assertThat(remaining.size()).as("requests until refused").isBetween(DEFAULT_LIMIT + 1, DEFAULT_LIMIT + 5);
        assertProblem(reply, 429, "too-many-requests");
        // 30 a minute refill one every 2 s.
        assertThat(Long.parseLong(reply.header("Retry-After"))).isBetween(1L, 2L);
        assertSecurityHeaders(reply);

        // Right away (the bucket refills one request every 2 s): a made-up token buys no fresh budget; a valid one
        // spends its user's, not the address's.
        assertThat(call("GET", "/api/v1/auth/me").from(address).bearer(forged).send().status()).isEqualTo(429);
        Reply asUser = call("GET", "/api/v1/auth/me").from(address).bearer(user.access()).send();
        assertThat(asUser.status()).as(asUser.body()).isEqualTo(200);
        assertThat(asUser.remaining()).isGreaterThan(0);
        // Another client is not affected.
        assertThat(call("GET", "/api/v1/auth/me").from(nextAddress()).send().status()).isEqualTo(401);
    }

    @Test
    void theAuthEndpointsHaveAStricterBudgetPerAddress() {
        String address = nextAddress();
        List<Long> remaining = new ArrayList<>();
        Reply reply = null;
        int limit = 0;
        for (int i = 0; i < DEFAULT_LIMIT + 5; i++) {
            reply = call("POST", "/api/v1/auth/refresh").from(address)
                    .json(Map.of("refreshToken", "made-up-" + UUID.randomUUID())).send();
            remaining.add(reply.remaining());
            if (reply.status() == 429) {
                break;
            }
            assertProblem(reply, 401, "invalid-refresh-token");
            limit = Integer.parseInt(reply.header("X-RateLimit-Limit"));
        }
        assertThat(limit).as("the auth bucket is stricter than the default").isLessThan(DEFAULT_LIMIT).isPositive();
        assertProblem(reply, 429, "too-many-requests");
        assertThat(reply.header("Retry-After")).matches("[1-9][0-9]*");
        // One more than the budget, give or take a refill (one every 3 s at 20 a minute) while they were sent.
        assertThat(remaining.size()).isBetween(limit + 1, limit + 3);
        assertThat(remaining).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        // Logins from there are refused too (the same bucket), other endpoints are not (another bucket).
        assertThat(loginAttempt(address, uniqueEmail("any"), PASSWORD).status()).isEqualTo(429);
        assertThat(call("POST", "/api/v1/auth/register").from(address)
                .json(Map.of("email", uniqueEmail("mass-signup"), "password", PASSWORD, "name", "Bot")).send().status())
                .as("sign-ups from there too").isEqualTo(429);
        assertThat(call("GET", "/.well-known/jwks.json").from(address).send().status()).isEqualTo(200);
    }

    @Test
    void aBodyOverTheSizeLimitIsRefusedWhetherItsLengthIsDeclaredOrNot() {
        String address = nextAddress();
        // 2 MiB of JSON, twice the platform's 1 MB limit: once with a Content-Length, once chunked without one.
        String huge = "{\"email\":\"" + uniqueEmail("huge") + "\",\"password\":\"" + PASSWORD + "\",\"name\":\""
                + "x".repeat(2 * 1024 * 1024) + "\"}";
        Reply declared = call("POST", "/api/v1/auth/register").from(address)
                .body(HttpRequest.BodyPublishers.ofString(huge)).send();
        assertProblem(declared, 413, "content-too-large");
        Reply chunked = call("POST", "/api/v1/auth/register").from(address)
                .body(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(huge))).send();
        assertProblem(chunked, 413, "content-too-large");
    }

    // ---- API8: security misconfiguration -----------------------------------------------------------------------

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeadersAndNothingInternalIsExposed() {
        String address = nextAddress();
        String email = uniqueEmail("headers");
        Reply created = call("POST", "/api/v1/auth/register").from(address)
                .json(Map.of("email", email, "password", PASSWORD, "name", "E2E user")).send();
        assertThat(created.status()).isEqualTo(201);
        Reply loggedIn = call("POST", "/api/v1/auth/login").from(address)
                .json(Map.of("email", email, "password", PASSWORD)).send();
        assertThat(loggedIn.status()).isEqualTo(200);
        assertThat(loggedIn.header("Cache-Control")).as("tokens are never cached").contains("no-store");
        String token = loggedIn.json("$.accessToken");

        Reply ok = call("GET", "/api/v1/auth/me").from(address).bearer(token).send();
        Reply unauthorized = call("GET", "/api/v1/auth/me").from(address).send();
        Reply forbidden = call("GET", "/api/v1/audit-log").from(address).bearer(token).send();
        Reply notFound = call("GET", "/api/v1/users/" + UUID.randomUUID()).from(address).bearer(token).send();
        Reply badRequest = call("POST", "/api/v1/auth/register").from(address).json(Map.of("email", "nope")).send();
        Reply unknownPath = call("GET", "/api/v1/no-such-thing").from(address).bearer(token).send();
        assertThat(List.of(created.status(), loggedIn.status(), ok.status(), unauthorized.status(), forbidden.status(),
                notFound.status(), badRequest.status(), unknownPath.status()))
                .containsExactly(201, 200, 200, 401, 403, 404, 400, 404);
        for (Reply reply : List.of(created, loggedIn, ok, unauthorized, forbidden, notFound, badRequest, unknownPath)) {
            assertSecurityHeaders(reply);
        }
        for (Reply reply : List.of(unauthorized, forbidden, notFound, badRequest, unknownPath)) {
            assertThat(reply.header("Content-Type")).startsWith(PROBLEM_JSON);
            assertThat(reply.body()).doesNotContain("Exception", "at com.", "at org.", "<html");
        }

        // Without a token an unknown path is a 401, not a 404 that would map the API for a stranger.
        assertThat(call("GET", "/api/v1/no-such-thing").from(address).send().status()).isEqualTo(401);
        // Actuator endpoints are never routed, even for a signed-in user.
        for (String actuator : List.of("/actuator/health", "/actuator/env", "/actuator/prometheus")) {
            assertThat(call("GET", actuator).from(address).bearer(token).send().status()).as(actuator).isEqualTo(404);
        }
        // A site that is not on the allow-list gets no CORS permission.
        Reply preflight = call("OPTIONS", "/api/v1/auth/login").from(address)
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").send();
        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        Reply crossOrigin = call("GET", "/api/v1/auth/me").from(address).bearer(token)
                .header("Origin", "https://evil.example").send();
        assertThat(crossOrigin.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void theApiDocumentationDevstackPointsToIsServed() throws Exception {
        assertThat(devstack.output()).as("devstack's ready report")
                .anySatisfy(line -> assertThat(line).contains("Swagger UI").contains("/swagger-ui.html"));
        String address = nextAddress();
        Reply page = call("GET", "/swagger-ui.html").from(address).send();
        for (int hops = 0; hops < 3 && page.status() / 100 == 3; hops++) {
            URI next = GATEWAY.resolve(page.header("Location"));
            assertThat(next.getAuthority()).as("redirected within the gateway").isEqualTo(GATEWAY.getAuthority());
            page = call("GET", next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery()))
                    .from(address).send();
        }
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).containsIgnoringCase("swagger");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
    }

    /**
     * auth-service refuses an address that fails too many logins across accounts (password spraying). The address
     * must be the client's, as the gateway determined it, not the gateway's own: otherwise one sprayer (or a busy
     * day's typos) locks everybody out. Last, because if the address is the gateway's, it locks out every login.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void aSprayingAddressIsRefusedWhileOtherClientsStillLogIn() throws InterruptedException {
        String victim = uniqueEmail("victim");
        register(nextAddress(), victim);
        String sprayer = nextAddress();
        for (int i = 0; i < ADDRESS_MAX_LOGIN_FAILURES; i++) {
            Reply reply = loginAttempt(sprayer, uniqueEmail("spray"), "Winter2026!");
            assertThat(reply.status()).as(reply.body()).isIn(401, 429);
        }
        assertThat(loginAttempt(sprayer, victim, PASSWORD).status())
                .as("the sprayer's address is locked, even for a right password").isEqualTo(429);

        Reply elsewhere = loginAttempt(nextAddress(), victim, PASSWORD);
        if (elsewhere.status() == 429) {
            // Everybody is locked out. Redis keeps its data across restarts: wait the lock out, or the next run of
            // this class would start with every login refused.
            long seconds = Math.min(Long.parseLong(elsewhere.header("Retry-After")), ADDRESS_LOGIN_WINDOW.toSeconds());
            Thread.sleep(Duration.ofSeconds(seconds + 1));
        }
        assertThat(elsewhere.status())
                .as("another client (another X-Forwarded-For, as the gateway trusts one proxy hop here) logs in: %s",
                        elsewhere.body())
                .isEqualTo(200);
    }

    // ---- requests ----------------------------------------------------------------------------------------------

    private static Call call(String method, String path) {
        return new Call(method, path, null, null, null, Map.of());
    }

    /** One request to the gateway, built step by step. */
    private record Call(String method, String path, String address, String token, Object body,
                        Map<String, String> headers) {

        /** The client address, as the (one trusted) proxy in front of the gateway reports it. */
        Call from(String clientAddress) {
            return new Call(method, path, clientAddress, token, body, headers);
        }

        Call bearer(String accessToken) {
            return new Call(method, path, address, accessToken, body, headers);
        }

        Call json(Object jsonBody) {
            return new Call(method, path, address, token, jsonBody, headers);
        }

        /** A JSON body as it is, e.g. one too large or without a declared length. */
        Call body(HttpRequest.BodyPublisher raw) {
            return new Call(method, path, address, token, raw, headers);
        }

        Call header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Call(method, path, address, token, body, more);
        }

        /**
         * Sends it and checks what every answer of the API must carry, whatever its status:
         * {@code X-RateLimit-Remaining} and {@code X-Request-Id}.
         */
        Reply send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(GATEWAY.resolve(path)).timeout(Duration.ofSeconds(15));
            if (address != null) {
                request.header("X-Forwarded-For", address);
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            if (body instanceof HttpRequest.BodyPublisher raw) {
                request.header("Content-Type", "application/json").method(method, raw);
            } else if (body != null) {
                request.header("Content-Type", "application/json").method(method,
                        HttpRequest.BodyPublishers.ofString(toJson(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response;
            try {
                response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + path + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Reply reply = new Reply(response.statusCode(), response.headers(), response.body());
            assertThat(reply.header("X-RateLimit-Remaining"))
                    .as("X-RateLimit-Remaining on %s %s (%d)", method, path, reply.status())
                    .isNotNull().matches("[0-9]+");
            assertThat(reply.header("X-Request-Id")).as("X-Request-Id on %s %s", method, path).isNotBlank();
            return reply;
        }
    }

    private record Reply(int status, HttpHeaders headers, String body) {

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        Set<String> headerNames() {
            Set<String> names = new TreeSet<>();
            headers.map().keySet().forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
            return names;
        }

        long remaining() {
            return Long.parseLong(header("X-RateLimit-Remaining"));
        }

        <T> T json(String path) {
            return JsonPath.read(body, path);
        }
    }

    private record Tokens(String access, String refresh) {
    }

    /** A token that must not get in, why, and where it is tried. */
    private record Forged(String why, String token, String path) {
    }

    private static String register(String address, String email) {
        Reply reply = call("POST", "/api/v1/auth/register").from(address)
                .json(Map.of("email", email, "password", PASSWORD, "name", "E2E user")).send();
        assertThat(reply.status()).as("register %s: %s", email, reply.body()).isEqualTo(201);
        assertThat(reply.<List<String>>json("$.roles")).containsExactly("CUSTOMER");
        return reply.json("$.id");
    }

    private static Tokens login(String address, String email, String password) {
        Reply reply = loginAttempt(address, email, password);
        assertThat(reply.status()).as("login %s: %s", email, reply.body()).isEqualTo(200);
        assertThat(reply.<String>json("$.tokenType")).isEqualTo("Bearer");
        assertThat(reply.<Integer>json("$.expiresIn")).isPositive();
        return new Tokens(reply.json("$.accessToken"), reply.json("$.refreshToken"));
    }

    private static Reply loginAttempt(String address, String email, String password) {
        return call("POST", "/api/v1/auth/login").from(address)
                .json(Map.of("email", email, "password", password)).send();
    }

    private static Tokens refresh(String address, String refreshToken) {
        Reply reply = call("POST", "/api/v1/auth/refresh").from(address)
                .json(Map.of("refreshToken", refreshToken)).send();
        assertThat(reply.status()).as("refresh: %s", reply.body()).isEqualTo(200);
        return new Tokens(reply.json("$.accessToken"), reply.json("$.refreshToken"));
    }

    // ---- assertions --------------------------------------------------------------------------------------------

    private static void assertProblem(Reply reply, int status, String type) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as("Content-Type of a %d", status).startsWith(PROBLEM_JSON);
        assertThat(reply.<Integer>json("$.status")).isEqualTo(status);
        assertThat(reply.<String>json("$.type")).isEqualTo(PROBLEM + type);
        if (status == 429) {
            assertThat(reply.header("Retry-After")).as("Retry-After of a 429").matches("[1-9][0-9]*");
        }
    }

    private static void assertSecurityHeaders(Reply reply) {
        String what = "answer " + reply.status();
        assertThat(reply.header("Strict-Transport-Security")).as(what).matches("max-age=[1-9][0-9]{6,}.*");
        assertThat(reply.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(reply.header("X-Frame-Options")).as(what).isEqualTo("DENY");
        assertThat(reply.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
        assertThat(reply.header("Content-Security-Policy")).as(what)
                .contains("default-src 'none'").contains("frame-ancestors 'none'");
        assertThat(reply.header("Server")).as(what).isNull();
        assertThat(reply.header("X-Powered-By")).as(what).isNull();
    }

    /** The parts of a problem that differ between any two answers: the trace and the request path. */
    private static String withoutVaryingFields(String problem) {
        return problem.replaceAll("\"traceId\":\"[^\"]*\",?", "").replaceAll("\"instance\":\"[^\"]*\",?", "");
    }

    // ---- tokens ------------------------------------------------------------------------------------------------

    private static ECKey newKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).keyID(kid)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet claims(String subject, List<String> roles, String issuer, String audience,
                                       Instant issuedAt, Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .claim("roles", roles)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .build();
    }

    private static JWTClaimsSet claims(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(ECKey key, String kid, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .keyID(kid != null ? kid : key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    /** HS256 "signed" with public material: the algorithm-confusion attack on verifiers that trust the header. */
    private static String hmac(byte[] secret, String kid, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(kid)
                .build(), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    /** {@code alg: none}, no signature. */
    private static String unsigned(String kid, JWTClaimsSet claims) {
        String header = "{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        return Base64URL.encode(header) + "." + Base64URL.encode(claims.toString()) + ".";
    }

    /** A real token's header and signature around another payload. */
    private static String withPayload(String token, JWTClaimsSet claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + Base64URL.encode(claims.toString()) + "." + parts[2];
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static String adminPasswordFromTheSecretsFile() throws IOException {
        Path secrets = LocalDevStack.HOME.resolve("secrets.properties");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(secrets, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String password = properties.getProperty("auth.bootstrap-admin.password");
        assertThat(password).as("admin password in %s", secrets).isNotBlank();
        return password;
    }

    /** A client address of its own (10.0.0.0/8), as the proxy in front of the gateway would report it. */
    private static String nextAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "10." + RUN + "." + (n / 250) + "." + (n % 250 + 1);
    }

    private static String uniqueEmail(String name) {
        return "e2e-" + name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@edge-security.test";
    }

    private static String toJson(Object body) {
        if (body instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, ?> object = (Map<String, ?>) map;
            return JSONObjectUtils.toJSONString(object);
        }
        throw new IllegalArgumentException("Only JSON objects are sent here: " + body);
    }
}
