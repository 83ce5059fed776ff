package com.fruitfulplanet.payment.refund;

import com.fruitfulplanet.contracts.money.Money;
import com.fruitfulplanet.payment.ledger.PaymentStatus;
import com.fruitfulplanet.platform.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The refund endpoint's own problems; each {@code type} is listed in docs/payments.md. */
final class RefundProblems {

    private RefundProblems() {
    }

    static ErrorResponseException notCaptured(PaymentStatus status) {
        ErrorResponseException problem = Problems.conflict("payment-not-captured", "Payment not captured",
                "Only a captured payment can be refunded; this one is " + status + ".");
        problem.getBody().setProperty("paymentStatus", status.name());
        return problem;
    }

    static ErrorResponseException exceedsRefundable(Money refundable) {
        ErrorResponseException problem = Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT,
                "refund-exceeds-captured", "Refund exceeds captured",
                refundable.amount().signum() == 0 ? "Nothing is left to refund on this payment."
                        : "At most " + refundable.amount().toPlainString() + " " + refundable.currency()
                                + " can still be refunded on this payment.");
        problem.getBody().setProperty("refundable", refundable);
        return problem;
    }
}
