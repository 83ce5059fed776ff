package com.fruitfulplanet.payment.saga;

import com.fruitfulplanet.contracts.events.payment.AuthorizePayment;
import com.fruitfulplanet.contracts.events.payment.CapturePayment;
import com.fruitfulplanet.contracts.events.payment.RefundPayment;
import com.fruitfulplanet.contracts.events.payment.VoidPayment;
import com.fruitfulplanet.platform.events.inbox.EventConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The order saga's commands to payment-service (topic {@code payment.commands.v1}), recorded by
 * {@link PaymentCommands} inside the inbox transaction: a redelivered command has no second effect, a failure rolls
 * back and is retried, then dead-lettered. The provider is called only after that transaction committed.
 */
@Configuration(proxyBeanMethods = false)
class PaymentCommandConsumer {

    /** The consumer name: the inbox key and the consumer group {@code payment-service.payment-commands}. */
    static final String NAME = "payment-commands";

    @Bean
    EventConsumer paymentCommandsConsumer(PaymentCommands commands) {
        return EventConsumer.named(NAME)
                .on(AuthorizePayment.class, (command, metadata) -> commands.authorize(command).then())
                .on(CapturePayment.class, (command, metadata) -> commands.capture(command).then())
                .on(VoidPayment.class, (command, metadata) -> commands.voidPayment(command).then())
                .on(RefundPayment.class, (command, metadata) -> commands.refund(command).then())
                .build();
    }
}
