package com.fruitfulplanet.catalog.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fruitfulplanet.catalog.web.Slugs;
import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void cyrillicIsTransliteratedAndEverythingElseBecomesSingleHyphens() {
        assertThat(Slugs.of("Молочные продукты", "x")).isEqualTo("molochnye-produkty");
        assertThat(Slugs.of("Щи да каша — пища наша!", "x")).isEqualTo("shchi-da-kasha-pishcha-nasha");
        assertThat(Slugs.of("Йогурт «Ёжик» 2,5%", "x")).isEqualTo("yogurt-ezhik-2-5");
        assertThat(Slugs.of("Crème Brûlée & Co.", "x")).isEqualTo("creme-brulee-co");
        assertThat(Slugs.of("Їжа України", "x")).isEqualTo("yizha-ukrayini");
        assertThat(Slugs.of("!!! ???", "brand")).isEqualTo("brand");
        assertThat(Slugs.of("Товар ".repeat(30), "x")).hasSizeLessThanOrEqualTo(Slugs.MAX_GENERATED_LENGTH)
                .matches(Slugs.PATTERN).doesNotEndWith("-");
    }

    @Test
    void takenSlugsAreNumberedPerParent() {
        TakenSlugs taken = new TakenSlugs();
        taken.add("sector-1", "frukty", "a");

        assertThat(taken.allocate("sector-1", "frukty", "b")).isEqualTo("frukty-2");
        assertThat(taken.allocate("sector-1", "frukty", "c")).isEqualTo("frukty-3");
        assertThat(taken.allocate("sector-2", "frukty", "d")).isEqualTo("frukty");
        assertThat(taken.heldByAnother("sector-1", "frukty", "a")).isFalse();
        assertThat(taken.heldByAnother("sector-1", "frukty-2", "a")).isTrue();
        assertThat(taken.heldByAnother("sector-1", "ovoshchi", "a")).isFalse();
    }
}
