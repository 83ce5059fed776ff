package com.fruitfulplanet.payment.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Payment-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>}, the HMAC keyed with the
 * provider's webhook secret over {@code <t>.<raw body>}. Several {@code v1} entries may be sent (while a provider
 * rotates its secret); one matching is enough. Signatures are compared in constant time; the timestamp must be
 * within the tolerance of now either way, so a captured request cannot be replayed later.
 */
public final class WebhookSignature {

    public static final String HEADER = "Payment-Signature";

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAX_HEADER_LENGTH = 1024;

    private WebhookSignature() {
    }

    /** The header a provider would send: for tests and docs/payments.md. */
    public static String sign(String secret, long timestamp, byte[] body) {
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(secret, timestamp, body));
    }

    /** Why the header does not prove that the provider sent this body just now; empty when it does. */
    static Optional<WebhookRejection> check(String header, byte[] body, String secret, Instant now,
                                            Duration tolerance) {
        if (header == null || header.isBlank()) {
            return Optional.of(WebhookRejection.MISSING_SIGNATURE);
        }
        Parsed parsed = parse(header);
        if (parsed == null) {
            return Optional.of(WebhookRejection.MALFORMED_SIGNATURE);
        }
        byte[] expected = hmac(secret, parsed.timestamp(), body);
        boolean matches = false;
        for (byte[] candidate : parsed.signatures()) {
            matches |= MessageDigest.isEqual(expected, candidate); // every candidate compared: no early exit
        }
        if (!matches) {
            return Optional.of(WebhookRejection.BAD_SIGNATURE);
        }
        if (Math.abs(now.getEpochSecond() - parsed.timestamp()) > tolerance.toSeconds()) {
            return Optional.of(WebhookRejection.STALE_TIMESTAMP);
        }
        return Optional.empty();
    }

    /** Null when it is not {@code t=<digits>} and at least one {@code v1=<64 hex digits>}. */
    static Parsed parse(String header) {
        if (header.length() > MAX_HEADER_LENGTH) {
            return null;
        }
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                return null;
            }
            String name = part.substring(0, equals).strip();
            String value = part.substring(equals + 1).strip();
            switch (name) {
                case "t" -> {
                    if (timestamp != null || !value.matches("\\d{1,12}")) {
                        return null;
                    }
                    timestamp = Long.parseLong(value);
                }
                case "v1" -> {
                    if (!value.matches("[0-9a-fA-F]{64}")) {
                        return null;
                    }
                    signatures.add(HexFormat.of().parseHex(value));
                }
                default -> {
                    // Other schemes (v0, ...) are ignored, as providers add them.
                }
            }
        }
        return timestamp == null || signatures.isEmpty() ? null : new Parsed(timestamp, signatures);
    }

    private static byte[] hmac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    record Parsed(long timestamp, List<byte[]> signatures) {
    }
}
