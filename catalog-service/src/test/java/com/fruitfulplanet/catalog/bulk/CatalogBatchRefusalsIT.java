package com.fruitfulplanet.catalog.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Batches the API refuses, and who may send one. A refused batch writes nothing, not even its valid sections. */
class CatalogBatchRefusalsIT extends BatchTestSupport {

    @Test
    void invalidFieldsAreNamedByPathAndNothingIsWritten() {
        CatalogBatch batch = batch()
                .sectors(new CatalogBatch.Sector(ext("s"), "Фрукты " + run, null, null))
                .brands(new CatalogBatch.Brand(ext("b"), ext("s"), "Brand " + run, "Not A Slug", null))
                .priceTypes(new CatalogBatch.PriceType(ext("t"), null, "Опт", "rub", null))
                .products(new CatalogBatch.Product(ext("p0"), null, "Без артикула", null, ext("b"), null, null, null,
                                null),
                        new CatalogBatch.Product(ext("p1"), "OK-1", "Товар", null, ext("b"), null,
                                List.of("ftp://nope"), "SOLD", null),
                        new CatalogBatch.Product(ext("p1"), "OK-2", " ", null, ext("b"), null, null, null, null))
                .prices(new CatalogBatch.Price(ext("p1"), ext("t"), new BigDecimal("-1"), "RUB"),
                        new CatalogBatch.Price(ext("p1"), ext("t"), new BigDecimal("10.123"), "RUBLES"))
                .stock(new CatalogBatch.Stock(ext("p1"), ext("w"), new BigDecimal("1.5")))
                .build();

        post(batch, partnerToken())
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:validation-failed")
                .jsonPath("$.errorCount").isEqualTo(12)
                .jsonPath("$.errors[*].field").isEqualTo(List.of(
                        "brands[0].slug",
                        "priceTypes[0].currency",
                        "products[0].sku",
                        "products[1].status",
                        "products[1].images[0]",
                        "products[2].externalId",
                        "products[2].name",
                        "prices[0].amount",
                        "prices[1].priceTypeExternalId",
                        "prices[1].currency",
                        "prices[1].amount",
                        "stock[0].quantity"));

        assertThat(rows("sector", ext("s"))).isZero();
        assertThat(rows("product", ext("p0"), ext("p1"))).isZero();
    }

    @Test
    void unknownReferencesAreListedAndNothingIsWritten() {
        String retail = retailPriceType();
        CatalogBatch batch = batch()
                .sectors(new CatalogBatch.Sector(ext("s"), "Овощи " + run, null, null))
                .brands(new CatalogBatch.Brand(ext("b"), ext("s"), "Brand " + run, null, null))
                .products(new CatalogBatch.Product(ext("p0"), sku("P0"), "Морковь", null, ext("b"), null, null,
                                null, null),
                        new CatalogBatch.Product(ext("p1"), sku("P1"), "Свёкла", null, ext("no-such-brand"), null,
                                null, null, null))
                .prices(new CatalogBatch.Price(ext("no-such-product"), retail, new BigDecimal("10"), "RUB"))
                .stock(new CatalogBatch.Stock(ext("p0"), ext("no-such-warehouse"), BigDecimal.ONE))
                .build();

        post(batch, partnerToken())
                .expectStatus().isEqualTo(422)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:unknown-reference")
                .jsonPath("$.errors[*].field").isEqualTo(List.of("products[1].brandExternalId",
                        "prices[0].productExternalId", "stock[0].warehouseExternalId"))
                .jsonPath("$.errors[0].message").isEqualTo("no brand with external id '" + ext("no-such-brand")
                        + "'");

        assertThat(rows("sector", ext("s"))).isZero();
        assertThat(rows("brand", ext("b"))).isZero();
        assertThat(rows("product", ext("p0"))).isZero();
    }

    @Test
    void aPriceInAnotherCurrencyThanItsTypeIsRefused() {
        String retail = retailPriceType();
        post(batch().prices(new CatalogBatch.Price(ext("p"), retail, BigDecimal.TEN, "EUR")).build(), partnerToken())
                .expectStatus().isEqualTo(422);
        CatalogBatch batch = batch()
                .sectors(new CatalogBatch.Sector(ext("s"), "Напитки " + run, null, null))
                .brands(new CatalogBatch.Brand(ext("b"), ext("s"), "Brand " + run, null, null))
                .products(new CatalogBatch.Product(ext("p"), sku("P"), "Сок", null, ext("b"), null, null, null, null))
                .prices(new CatalogBatch.Price(ext("p"), retail, BigDecimal.TEN, "EUR"))
                .build();

        post(batch, partnerToken())
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("prices[0].currency")
                .jsonPath("$.errors[0].message").isEqualTo("must be RUB, the currency of price type '" + retail
                        + "'");
        assertThat(rows("product", ext("p"))).isZero();
    }

    @Test
    void anSkuOfAnotherLiveProductIsAConflictAndNothingIsWritten() {
        UUID brand = fixtures().brand(fixtures().sector());
        String taken = sku("TAKEN");
        fixtures().product(brand, taken, "Shop product", "", "10.00", 1);
        CatalogBatch batch = batch()
                .sectors(new CatalogBatch.Sector(ext("s"), "Бакалея " + run, null, null))
                .brands(new CatalogBatch.Brand(ext("b"), ext("s"), "Brand " + run, null, null))
                .products(new CatalogBatch.Product(ext("p0"), sku("FREE"), "Рис", null, ext("b"), null, null, null,
                                null),
                        new CatalogBatch.Product(ext("p1"), taken, "Гречка", null, ext("b"), null, null, null, null))
                .build();

        post(batch, partnerToken())
                .expectStatus().isEqualTo(409)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:duplicate-sku")
                .jsonPath("$.skus").isEqualTo(List.of(taken))
                .jsonPath("$.errors[0].field").isEqualTo("products[1].sku");

        assertThat(rows("sector", ext("s"))).isZero();
        assertThat(rows("product", ext("p0"), ext("p1"))).isZero();
    }

    @Test
    void twoLiveRowsOfTheBatchWithOneSkuAreInvalidButADeletedOneMayShareIt() {
        CatalogBatch batch = batch()
                .sectors(new CatalogBatch.Sector(ext("s"), "Молочные продукты " + run, null, null))
                .brands(new CatalogBatch.Brand(ext("b"), ext("s"), "Brand " + run, null, null))
                .products(new CatalogBatch.Product(ext("p0"), sku("SAME"), "Кефир", null, ext("b"), null, null, null,
                                null),
                        new CatalogBatch.Product(ext("p1"), sku("SAME"), "Кефир старый", null, ext("b"), null, null,
                                null, true),
                        new CatalogBatch.Product(ext("p2"), sku("SAME"), "Кефир 2", null, ext("b"), null, null, null,
                                false))
                .build();

        post(batch, partnerToken())
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field").isEqualTo(List.of("products[2].sku"))
                .jsonPath("$.errors[0].message").isEqualTo("repeats products[0].sku");
    }

    @Test
    void aSectionOverTheRowLimitIsTooLarge() {
        List<CatalogBatch.Stock> stock = IntStream.rangeClosed(0, 10_000)
                .mapToObj(i -> new CatalogBatch.Stock("p" + i, "w", BigDecimal.ONE)).toList();

        post(batch().stock(stock).build(), partnerToken())
                .expectStatus().isEqualTo(413)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:fruitfulplanet:problem:batch-too-large")
                .jsonPath("$.detail").isEqualTo("A section may have at most 10000 rows; stock has 10001. "
                        + "Send it in several batches.");
    }

    @Test
    void malformedJsonIsABadRequest() {
        post("{\"products\": [{\"externalId\": \"x\", \"sku\": ", partnerToken())
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("The request body is not valid JSON for this endpoint.");
        post("{\"stock\": [{\"productExternalId\": \"x\", \"warehouseExternalId\": \"w\", \"quantity\": \"many\"}]}",
                partnerToken())
                .expectStatus().isBadRequest();
    }

    @Test
    void onlyPartnersAndAdminsMaySendBatches() {
        String body = "{\"sectors\": [{\"externalId\": \"" + ext("s") + "\", \"name\": \"Сектор " + run + "\"}]}";

        post(body, null).expectStatus().isUnauthorized();
        post(body, customerToken()).expectStatus().isForbidden();
        post(body, managerToken()).expectStatus().isForbidden();
        assertThat(rows("sector", ext("s"))).isZero();

        post(body, partnerToken()).expectStatus().isOk()
                .expectBody().jsonPath("$.sectors.created").isEqualTo(1)
                .jsonPath("$.products.unchanged").isEqualTo(0);
        post(body, adminToken()).expectStatus().isOk()
                .expectBody().jsonPath("$.sectors.unchanged").isEqualTo(1);
    }
}
