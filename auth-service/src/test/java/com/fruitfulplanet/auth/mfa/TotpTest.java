package com.fruitfulplanet.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** RFC 6238 appendix B vectors (SHA-1, truncated to six digits) and the acceptance window. */
class TotpTest {

    private static final String RFC_SECRET = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    void codesMatchTheRfcTestVectors() {
        assertThat(at(59).currentCode(RFC_SECRET)).isEqualTo("287082");
        assertThat(at(1111111109).currentCode(RFC_SECRET)).isEqualTo("081804");
        assertThat(at(1234567890).currentCode(RFC_SECRET)).isEqualTo("005924");
        assertThat(at(2000000000).currentCode(RFC_SECRET)).isEqualTo("279037");
    }

    @Test
    void aCodeIsValidOneStepEitherSideAndNoFurther() {
        String code = at(1111111109).currentCode(RFC_SECRET);
        long step = 1111111109 / 30;

        assertThat(at(1111111109 + 30).verify(RFC_SECRET, code)).hasValue(step);
        assertThat(at(1111111109 - 30).verify(RFC_SECRET, code)).hasValue(step);
        assertThat(at(1111111109 + 90).verify(RFC_SECRET, code)).isEmpty();
    }

    @Test
    void malformedCodesAreRefusedWithoutComputing() {
        Totp totp = at(59);
        assertThat(totp.verify(RFC_SECRET, "28708")).isEmpty();
        assertThat(totp.verify(RFC_SECRET, "2870822")).isEmpty();
        assertThat(totp.verify(RFC_SECRET, "28708a")).isEmpty();
        assertThat(totp.verify(RFC_SECRET, null)).isEmpty();
    }

    @Test
    void base32RoundTripsAndSecretsAre160Bits() {
        byte[] bytes = "any bytes at all!".getBytes(StandardCharsets.UTF_8);
        assertThat(Totp.base32Decode(Totp.base32(bytes))).startsWith(bytes);
        assertThat(Totp.base32Decode(Totp.newSecret())).hasSize(20);
    }

    private static Totp at(long epochSecond) {
        return new Totp(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }
}
