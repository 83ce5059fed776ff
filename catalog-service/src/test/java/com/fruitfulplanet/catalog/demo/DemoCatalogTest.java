package com.fruitfulplanet.catalog.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.catalog.bulk.CatalogBatch;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DemoCatalogTest {

    private static final DemoCatalog.Targets UNLINKED = new DemoCatalog.Targets(null, null, "MAIN");

    @Test
    void isTheSameCatalogEveryTime() {
        assertThat(DemoCatalog.build(UNLINKED)).isEqualTo(DemoCatalog.build(UNLINKED));
    }

    @Test
    void isAThousandProductsOfTwentyFiveBrandsInFiveSectorsWithTwoPricesAndStockEach() {
        CatalogBatch demo = DemoCatalog.build(UNLINKED);

        assertThat(demo.sectors()).hasSize(5);
        assertThat(demo.brands()).hasSize(25);
        assertThat(demo.products()).hasSize(1000);
        assertThat(demo.products()).extracting(CatalogBatch.Product::sku).doesNotHaveDuplicates();
        assertThat(demo.products()).extracting(CatalogBatch.Product::name).doesNotHaveDuplicates();
        assertThat(demo.products()).filteredOn(p -> p.name().matches("^[A-Za-z].*")).hasSizeBetween(30, 150);
        assertThat(demo.prices()).hasSize(2000).allSatisfy(price -> {
            assertThat(price.amount()).isPositive();
            assertThat(price.amount().scale()).isLessThanOrEqualTo(2);
        });
        assertThat(demo.stock()).hasSize(1000);
        assertThat(demo.stock()).filteredOn(s -> s.quantity().signum() == 0).hasSizeBetween(10, 50);
        // The shop's default price type and warehouse, not yet linked to an id, are linked by the batch.
        assertThat(demo.priceTypes()).extracting(CatalogBatch.PriceType::isDefault).containsExactly(true, false);
        assertThat(demo.warehouses()).singleElement().extracting(CatalogBatch.Warehouse::code).isEqualTo("MAIN");
    }

    @Test
    void usesTheDefaultPriceTypeAndWarehouseByTheirIdsWhenTheyHaveOnes() {
        CatalogBatch demo = DemoCatalog.build(new DemoCatalog.Targets("retail-guid", "main-guid", "MAIN"));

        assertThat(demo.priceTypes()).extracting(CatalogBatch.PriceType::externalId)
                .containsExactly(DemoCatalog.WHOLESALE_PRICE_TYPE);
        assertThat(demo.warehouses()).isEmpty();
        assertThat(demo.prices()).filteredOn(p -> p.priceTypeExternalId().equals("retail-guid")).hasSize(1000);
        assertThat(demo.stock()).allMatch(s -> s.warehouseExternalId().equals("main-guid"));
        assertThat(demo.prices().getFirst().amount()).isGreaterThan(BigDecimal.ZERO);
    }
}
