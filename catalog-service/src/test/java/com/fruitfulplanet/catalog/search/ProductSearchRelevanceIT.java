package com.fruitfulplanet.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.catalog.CatalogFixtures;
import com.fruitfulplanet.catalog.CatalogIntegrationTest;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Full text (q) in Russian and English: stemming, ranking, SKUs, prefixes. Every query scoped to an own brand. */
class ProductSearchRelevanceIT extends CatalogIntegrationTest {

    private ListingClient listing;
    private String brand;
    private UUID greenApplesRu;
    private UUID greenAppleJuice;
    private UUID applePie;
    private UUID fruitPie;
    private UUID pears;
    private UUID orangeJuice;
    private UUID jar;
    private String jarSku;

    @BeforeEach
    void catalog() {
        listing = new ListingClient(client);
        CatalogFixtures fixtures = fixtures();
        UUID brandId = fixtures.brand(fixtures.sector());
        brand = brandId.toString();
        greenApplesRu = fixtures.product(brandId, CatalogFixtures.uniqueSku("REL"), "Яблоки зелёные",
                "Сочные кисло-сладкие плоды из сада", "120.00", 10);
        greenAppleJuice = fixtures.product(brandId, CatalogFixtures.uniqueSku("REL"), "Green Apple Juice",
                "Cold pressed, no sugar added", "150.00", 10);
        applePie = fixtures.product(brandId, CatalogFixtures.uniqueSku("REL"), "Apple Pie",
                "Baked every morning", "300.00", 10);
        fruitPie = fixtures.product(brandId, CatalogFixtures.uniqueSku("REL"), "Fruit Pie",
                "Filled with apple and cinnamon", "280.00", 10);
        pears = fixtures.product(brandId, CatalogFixtures.uniqueSku("REL"), "Груши Конференц",
                "Сладкие груши", "200.00", 10);
        orangeJuice = fixtures.product(brandId, CatalogFixtures.uniqueSku("REL"), "Orange Juice",
                "Fresh oranges", "140.00", 10);
        jarSku = "FP-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT) + "-QX";
        jar = fixtures.product(brandId, jarSku, "Стеклянная банка", "Для варенья", "90.00", 10);
    }

    @Test
    void russianQueriesFindOtherFormsOfTheWord() {
        assertThat(search("яблоко")).containsExactly(greenApplesRu);
        assertThat(search("Яблок")).containsExactly(greenApplesRu);
        assertThat(search("зелёное яблоко")).containsExactly(greenApplesRu);
        // ё typed as е: the stemmer folds them.
        assertThat(search("зеленое яблоко")).containsExactly(greenApplesRu);
        assertThat(search("груша")).containsExactly(pears);
        // Every word must match (websearch semantics): no pear is a green apple.
        assertThat(search("зелёная груша")).isEmpty();
    }

    @Test
    void englishQueriesFindOtherFormsOfTheWord() {
        assertThat(search("apples")).containsExactlyInAnyOrder(greenAppleJuice, applePie, fruitPie);
        assertThat(search("green apples")).containsExactly(greenAppleJuice);
        assertThat(search("juices")).containsExactlyInAnyOrder(greenAppleJuice, orangeJuice);
        assertThat(search("apple -pie")).containsExactly(greenAppleJuice);
        assertThat(search("\"orange juice\"")).containsExactly(orangeJuice);
    }

    @Test
    void aNameMatchRanksAboveADescriptionMatch() {
        List<UUID> found = search("apple");

        assertThat(found).containsExactlyInAnyOrder(greenAppleJuice, applePie, fruitPie);
        // "Fruit Pie" has apple only in its description.
        assertThat(found.getLast()).isEqualTo(fruitPie);
        assertThat(search("pie")).containsExactlyInAnyOrder(applePie, fruitPie);
        assertThat(search("cinnamon pie")).containsExactly(fruitPie);
    }

    @Test
    void findsAProductBySku() {
        assertThat(search(jarSku)).containsExactly(jar);
        assertThat(search(jarSku.toLowerCase(Locale.ROOT))).containsExactly(jar);
    }

    @Test
    void theWordBeingTypedMatchesAsAPrefix() {
        assertThat(search("ябл")).containsExactly(greenApplesRu);
        assertThat(search("зелёные ябло")).containsExactly(greenApplesRu);
        assertThat(search("green app")).containsExactly(greenAppleJuice);
        assertThat(search("cinn")).containsExactly(fruitPie);
        // Too short to guess from.
        assertThat(search("ap")).isEmpty();
    }

    @Test
    void queriesWithoutWordsFindNothingRatherThanFail() {
        assertThat(search("!!!")).isEmpty();
        assertThat(search("the")).isEmpty();
        assertThat(search("\"\"")).isEmpty();
    }

    @Test
    void relevancePagesFollowTheSameOrder() {
        List<UUID> onePage = search("apple");
        assertThat(listing.all(1, "q", "apple", "brand", brand)).containsExactlyElementsOf(onePage);
        assertThat(listing.all(2, "q", "juice", "brand", brand, "sort", "-price"))
                .containsExactly(greenAppleJuice, orangeJuice);
    }

    private List<UUID> search(String q) {
        return listing.page("q", q, "brand", brand).ids();
    }
}
