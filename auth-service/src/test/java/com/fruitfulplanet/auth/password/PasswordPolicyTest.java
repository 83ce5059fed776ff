package com.fruitfulplanet.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ASVS length rules and the common-password list; no composition rules. */
class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void theCommonPasswordListIsLoaded() {
        assertThat(policy.size()).isGreaterThan(30_000);
    }

    @Test
    void refusesShortCommonAndOwnEmailPasswords() {
        assertThat(policy.problemWith("1234567", null)).hasValueSatisfying(p -> assertThat(p).contains("at least 8"));
        assertThat(policy.problemWith("Password1", null)).hasValueSatisfying(p -> assertThat(p).contains("common"));
        assertThat(policy.problemWith("baseball", null)).isPresent();
        assertThat(policy.problemWith("x".repeat(129), null)).hasValueSatisfying(p -> assertThat(p).contains("128"));
        assertThat(policy.problemWith("anna.petrova", "Anna.Petrova@example.org")).isPresent();
    }

    @Test
    void acceptsLongPassphrasesWithoutCompositionRulesAndCountsCharactersNotBytes() {
        assertThat(policy.problemWith("correct horse battery staple", null)).isEmpty();
        assertThat(policy.problemWith("всёхорошо", null)).as("9 characters, 18 bytes").isEmpty();
        assertThat(policy.problemWith("ёжикёжи", null)).as("7 characters, 14 bytes").isPresent();
        assertThat(policy.problemWith("🍎🍐🍊🍋🍌🍉🍇🍓", null)).as("8 code points, 16 chars").isEmpty();
    }
}
