package com.fruitfulplanet.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetryBudgetTest {

    @Test
    void spendsTheReserveThenAllowsOneRetryPerFiveCalls() {
        RetryBudget budget = new RetryBudget(0.2, 2);
        assertThat(budget.tryRetry()).isTrue();
        assertThat(budget.tryRetry()).isTrue();
        assertThat(budget.tryRetry()).isFalse();
        for (int i = 0; i < 4; i++) {
            budget.recordCall();
        }
        assertThat(budget.tryRetry()).isFalse();
        budget.recordCall();
        assertThat(budget.tryRetry()).isTrue();
    }
}
