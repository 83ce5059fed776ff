package com.fruitfulplanet.auth.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.springframework.stereotype.Component;

/**
 * ASVS 5 / NIST 800-63B password rules: at least 8 characters (counted as code points, any characters allowed,
 * spaces included), at most 128, not one of the ~38,000 most common passwords, not the account's own email, and no
 * composition rules ("one digit, one capital"), which only push people to predictable patterns.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;
    private static final String COMMON_PASSWORDS = "/passwords/common-passwords.txt.gz";

    private final Set<String> common;

    public PasswordPolicy() {
        this.common = load();
    }

    /** Why the password is refused, or empty when it is fine. */
    public Optional<String> problemWith(String password, String email) {
        if (password == null) {
            return Optional.of("must not be empty");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters long");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            return Optional.of("is one of the most common passwords; choose one that is harder to guess");
        }
        if (email != null && (lower.equals(email.toLowerCase(Locale.ROOT))
                || lower.equals(email.toLowerCase(Locale.ROOT).split("@")[0]))) {
            return Optional.of("must not be your email address");
        }
        return Optional.empty();
    }

    int size() {
        return common.size();
    }

    private static Set<String> load() {
        try (InputStream resource = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS)) {
            if (resource == null) {
                throw new IllegalStateException(COMMON_PASSWORDS + " is missing from the classpath");
            }
            Set<String> passwords = new HashSet<>(64_000);
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(resource), StandardCharsets.UTF_8))) {
                lines.lines().filter(line -> !line.isEmpty()).forEach(passwords::add);
            }
            return Set.copyOf(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
