package com.fruitfulplanet.contracts.money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in one currency. On the wire: {@code {"amount": "1234.50", "currency": "RUB"}}, the amount
 * as a decimal string so no client parses it into a binary floating-point number.
 */
public record Money(BigDecimal amount, Currency currency) {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (amount.scale() > currency.getDefaultFractionDigits() && currency.getDefaultFractionDigits() >= 0) {
            throw new IllegalArgumentException(
                    "%s has at most %d fraction digits: %s".formatted(currency, currency.getDefaultFractionDigits(),
                            amount.toPlainString()));
        }
    }

    public static Money of(String amount, String currencyCode) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money times(int quantity) {
        return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Cannot add " + other.currency + " to " + currency);
        }
    }
}
