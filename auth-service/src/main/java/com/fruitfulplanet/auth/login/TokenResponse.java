package com.fruitfulplanet.auth.login;

/** API.md's token pair; {@code refreshToken} is absent for partner tokens, which are not refreshed. */
public record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) {

    public static TokenResponse bearer(String accessToken, String refreshToken, long expiresIn) {
        return new TokenResponse(accessToken, refreshToken, "Bearer", expiresIn);
    }
}
