package com.fruitfulplanet.order.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fruitfulplanet.contracts.money.Money;
import com.fruitfulplanet.order.catalog.CatalogProduct;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

/** Pricing a cart: current prices, unavailable lines outside the total, one currency or a problem. */
class CartViewTest {

    private static final Currency RUB = Currency.getInstance("RUB");

    private final UUID apples = UUID.randomUUID();
    private final UUID pears = UUID.randomUUID();

    @Test
    void linesArePricedAndAddedUpInTheProductsCurrency() {
        CartView cart = CartView.priced(List.of(new CartLine(apples, 3), new CartLine(pears, 1)),
                Map.of(apples, product(apples, "33.30", "RUB"), pears, product(pears, "0.10", "RUB")), RUB);

        assertThat(cart.items()).containsExactly(
                new CartView.Item(apples, 3, Money.of("33.30", "RUB"), Money.of("99.90", "RUB"), true),
                new CartView.Item(pears, 1, Money.of("0.10", "RUB"), Money.of("0.10", "RUB"), true));
        assertThat(cart.total()).isEqualTo(Money.of("100.00", "RUB"));
    }

    @Test
    void anUnavailableLineIsShownWithoutPriceAndLeftOutOfTheTotal() {
        CartView cart = CartView.priced(List.of(new CartLine(apples, 2), new CartLine(pears, 5)),
                Map.of(apples, product(apples, "10.00", "RUB")), RUB);

        assertThat(cart.items().get(1)).isEqualTo(new CartView.Item(pears, 5, null, null, false));
        assertThat(cart.total()).isEqualTo(Money.of("20.00", "RUB"));
    }

    @Test
    void aCartWithNothingAvailableTotalsZeroInTheShopsCurrency() {
        assertThat(CartView.priced(List.of(), Map.of(), RUB).total()).isEqualTo(Money.of("0.00", "RUB"));
        assertThat(CartView.priced(List.of(new CartLine(apples, 1)), Map.of(), RUB).total())
                .isEqualTo(Money.of("0.00", "RUB"));
    }

    @Test
    void differentCurrenciesAreAProblemNotASum() {
        assertThatThrownBy(() -> CartView.priced(List.of(new CartLine(apples, 1), new CartLine(pears, 1)),
                Map.of(apples, product(apples, "10.00", "RUB"), pears, product(pears, "1.00", "USD")), RUB))
                .isInstanceOfSatisfying(ErrorResponseException.class, problem -> {
                    assertThat(problem.getStatusCode().value()).isEqualTo(409);
                    assertThat(problem.getBody().getType().toString())
                            .isEqualTo("urn:fruitfulplanet:problem:mixed-currencies");
                });
    }

    private static CatalogProduct product(UUID id, String amount, String currency) {
        return new CatalogProduct(id, "SKU", "Product", Money.of(amount, currency), true);
    }
}
