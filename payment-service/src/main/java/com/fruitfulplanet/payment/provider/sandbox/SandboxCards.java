package com.fruitfulplanet.payment.provider.sandbox;

/**
 * The sandbox's test cards (API.md "Payments"), by token. Each decides how an authorization goes.
 */
public enum SandboxCards {
    /** Authorizes. */
    VISA("tok_visa", null, false),
    /** Declines: "Card declined". */
    DECLINED("tok_declined", "Card declined", false),
    /** Declines: "Insufficient funds". */
    INSUFFICIENT_FUNDS("tok_insufficient_funds", "Insufficient funds", false),
    /**
     * Authorizes on the provider's side, but the first answer never arrives: our call times out and the
     * transaction stays PENDING until reconciliation (a lookup) or a webhook settles it.
     */
    TIMEOUT("tok_timeout", null, true);

    /** Every other token: the sandbox declines it. */
    static final String UNKNOWN_TOKEN = "Unknown card token";

    private final String token;
    private final String declineReason;
    private final boolean answerLost;

    SandboxCards(String token, String declineReason, boolean answerLost) {
        this.token = token;
        this.declineReason = declineReason;
        this.answerLost = answerLost;
    }

    public String token() {
        return token;
    }

    /** Null when the card authorizes. */
    String declineReason() {
        return declineReason;
    }

    boolean answerLost() {
        return answerLost;
    }

    static SandboxCards byToken(String token) {
        for (SandboxCards card : values()) {
            if (card.token.equals(token)) {
                return card;
            }
        }
        return null;
    }
}
