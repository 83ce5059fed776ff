package com.fruitfulplanet.order.saga;

import com.fruitfulplanet.contracts.events.catalog.StockRejected;
import com.fruitfulplanet.contracts.events.catalog.StockReserved;
import com.fruitfulplanet.contracts.events.payment.PaymentAuthorized;
import com.fruitfulplanet.contracts.events.payment.PaymentCaptured;
import com.fruitfulplanet.contracts.events.payment.PaymentFailed;
import com.fruitfulplanet.contracts.events.payment.PaymentRefunded;
import com.fruitfulplanet.contracts.events.payment.PaymentVoided;
import com.fruitfulplanet.platform.events.inbox.EventConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The answers of catalog-service and payment-service to the saga's commands (topics {@code catalog.stock.v1} and
 * {@code payment.v1}, keyed by order id), each handed to its {@link OrderSaga} step inside the inbox transaction.
 * Other events on those topics (stock levels, releases) are not the saga's business and are skipped.
 */
@Configuration(proxyBeanMethods = false)
class SagaConsumer {

    /** The consumer name: the inbox key and the consumer group {@code order-service.order-saga}. */
    static final String NAME = "order-saga";

    @Bean
    EventConsumer orderSagaConsumer(OrderWorkflow workflow, OrderSaga saga) {
        return EventConsumer.named(NAME)
                .on(StockReserved.class, (event, metadata) ->
                        workflow.step(event.orderId(), saga::stockReserved).then())
                .on(StockRejected.class, (event, metadata) ->
                        workflow.step(event.orderId(), saga::stockRejected).then())
                .on(PaymentAuthorized.class, (event, metadata) ->
                        workflow.step(event.orderId(), order -> saga.paymentAuthorized(order, event.paymentId()))
                                .then())
                .on(PaymentFailed.class, (event, metadata) ->
                        workflow.step(event.orderId(), order -> saga.paymentFailed(order, event.paymentId())).then())
                .on(PaymentCaptured.class, (event, metadata) ->
                        workflow.step(event.orderId(), saga::paymentCaptured).then())
                .on(PaymentVoided.class, (event, metadata) ->
                        workflow.step(event.orderId(), saga::paymentVoided).then())
                .on(PaymentRefunded.class, (event, metadata) ->
                        workflow.step(event.orderId(), order -> saga.paymentRefunded(order, event)).then())
                .build();
    }
}
