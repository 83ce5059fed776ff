package com.fruitfulplanet.payment.provider;

import com.fruitfulplanet.contracts.money.Money;
import reactor.core.publisher.Mono;

/**
 * A payment provider (the SPI): a Spring bean per provider, chosen by {@link #name()} (AuthorizePayment's
 * {@code provider}, or {@code fruitfulplanet.payment.default-provider}). Every call carries our idempotency key
 * ({@code order:<orderId>:<operation>}), which the provider must honour: a call repeated with the same key does
 * not act twice and answers what the first call did. That is what makes a timed-out call safe to repeat.
 *
 * <p>Implementations answer {@link ProviderResult#succeeded SUCCEEDED} or {@link ProviderResult#declined DECLINED},
 * or {@link ProviderResult#pending() PENDING} when the provider itself has not decided yet. The caller bounds every
 * call with {@code fruitfulplanet.payment.provider-timeout}; a call that takes longer, or fails, counts as PENDING:
 * unknown, to be settled by reconciliation ({@link #lookup}) or a webhook.
 */
public interface PaymentProvider {

    /** The provider's name: in {@code payment.provider}, the webhook path and the configuration. */
    String name();

    /** Holds {@code amount} on the card; the reference identifies the authorization in later calls. */
    Mono<ProviderResult> authorize(String idempotencyKey, Money amount, String cardToken);

    /** Takes the money an authorization holds. */
    Mono<ProviderResult> capture(String idempotencyKey, String authorizationReference, Money amount);

    /** Releases an authorization without taking money. */
    Mono<ProviderResult> voidAuthorization(String idempotencyKey, String authorizationReference);

    /** Gives back (part of) a capture. */
    Mono<ProviderResult> refund(String idempotencyKey, String captureReference, Money amount);

    /** What the provider did under this key; empty when it has no record of it (the call never reached it). */
    Mono<ProviderResult> lookup(String idempotencyKey);
}
