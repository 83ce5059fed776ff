package com.fruitfulplanet.auth.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of a string: how the service stores secrets that are already high-entropy (refresh tokens, API keys) and
 * keys values it must not keep in clear (emails in Redis). Never for passwords: those are Argon2id.
 */
public final class Sha256 {

    private Sha256() {
    }

    public static byte[] of(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
