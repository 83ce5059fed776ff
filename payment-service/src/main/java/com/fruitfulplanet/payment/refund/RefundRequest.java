package com.fruitfulplanet.payment.refund;

import com.fruitfulplanet.contracts.money.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/payments/{id}/refunds}: {@code {amount?: Money, reason}}. No amount refunds all that is left;
 * an amount must be positive and in the payment's currency.
 */
public record RefundRequest(@Valid Money amount, @NotBlank @Size(max = 500) String reason) {
}
