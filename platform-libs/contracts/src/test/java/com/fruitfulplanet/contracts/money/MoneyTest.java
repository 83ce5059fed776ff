package com.fruitfulplanet.contracts.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void addsAndMultipliesExactly() {
        Money total = Money.of("0.10", "RUB").times(3).plus(Money.of("1234.40", "RUB"));
        assertThat(total.amount().toPlainString()).isEqualTo("1234.70");
    }

    @Test
    void refusesToMixCurrencies() {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of("1", "RUB").plus(Money.of("1", "EUR")));
    }

    @Test
    void refusesMoreFractionDigitsThanTheCurrencyHas() {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of("1.001", "RUB"));
        assertThat(Money.of("5", "JPY").amount()).isEqualByComparingTo("5");
    }
}
