package com.fruitfulplanet.payment.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "whsec_test";
    private static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.ofEpochSecond(1_767_225_600);
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void theSignatureIsHmacSha256OfTimestampDotBodyInHex() {
        // openssl: printf '%s' '1767225600.{"id":"evt_1"}' | openssl dgst -sha256 -hmac whsec_test
        assertThat(WebhookSignature.sign(SECRET, NOW.getEpochSecond(), BODY))
                .isEqualTo("t=1767225600,v1=45b40331de0325606dc5400202ade162460fbe48daf9401adfdcd0d7b4f35470");
    }

    @Test
    void aFreshCorrectSignaturePasses() {
        String header = WebhookSignature.sign(SECRET, NOW.getEpochSecond(), BODY);
        assertThat(WebhookSignature.check(header, BODY, SECRET, NOW, TOLERANCE)).isEmpty();
        assertThat(WebhookSignature.check(header, BODY, SECRET, NOW.plusSeconds(300), TOLERANCE)).isEmpty();
        assertThat(WebhookSignature.check(header, BODY, SECRET, NOW.minusSeconds(300), TOLERANCE)).isEmpty();
    }

    @Test
    void oneMatchingSignatureAmongSeveralIsEnough() {
        String good = WebhookSignature.sign(SECRET, NOW.getEpochSecond(), BODY);
        String other = WebhookSignature.sign("old-secret", NOW.getEpochSecond(), BODY);
        String header = other + "," + good.substring(good.indexOf("v1=")) + ",v0=ignored";
        assertThat(WebhookSignature.check(header, BODY, SECRET, NOW, TOLERANCE)).isEmpty();
    }

    @Test
    void whatIsRefusedAndWhy() {
        String header = WebhookSignature.sign(SECRET, NOW.getEpochSecond(), BODY);
        assertThat(WebhookSignature.check(null, BODY, SECRET, NOW, TOLERANCE))
                .contains(WebhookRejection.MISSING_SIGNATURE);
        assertThat(WebhookSignature.check(" ", BODY, SECRET, NOW, TOLERANCE))
                .contains(WebhookRejection.MISSING_SIGNATURE);
        assertThat(WebhookSignature.check(header, "{}".getBytes(StandardCharsets.UTF_8), SECRET, NOW, TOLERANCE))
                .contains(WebhookRejection.BAD_SIGNATURE);
        assertThat(WebhookSignature.check(header, BODY, "another", NOW, TOLERANCE))
                .contains(WebhookRejection.BAD_SIGNATURE);
        assertThat(WebhookSignature.check(header, BODY, SECRET, NOW.plusSeconds(301), TOLERANCE))
                .contains(WebhookRejection.STALE_TIMESTAMP);
        assertThat(WebhookSignature.check(header, BODY, SECRET, NOW.minusSeconds(301), TOLERANCE))
                .contains(WebhookRejection.STALE_TIMESTAMP);
        for (String malformed : new String[] {"v1=" + "a".repeat(64), "t=1", "t=abc,v1=" + "a".repeat(64),
                "t=1,v1=xyz", "t=1,t=2,v1=" + "a".repeat(64), "garbage", "t=1,v1=" + "a".repeat(64) + ",x",
                "t=1,v1=" + "a".repeat(2000)}) {
            assertThat(WebhookSignature.check(malformed, BODY, SECRET, NOW, TOLERANCE)).as(malformed)
                    .contains(WebhookRejection.MALFORMED_SIGNATURE);
        }
    }
}
