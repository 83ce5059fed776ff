package com.fruitfulplanet.catalog.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fruitfulplanet.contracts.events.catalog.ReserveStock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules of a reservation that need no database: hold durations and how the lines of a command are read. */
class StockReservationRulesTest {

    private static final StockReservationProperties PROPERTIES = new StockReservationProperties(
            Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofSeconds(5), 100);

    @Test
    void theHoldIsTheDefaultWhenNotAskedForAndNeverAboveTheCap() {
        assertThat(PROPERTIES.holdFor(null)).isEqualTo(Duration.ofMinutes(15));
        assertThat(PROPERTIES.holdFor(Duration.ZERO)).isEqualTo(Duration.ofMinutes(15));
        assertThat(PROPERTIES.holdFor(Duration.ofSeconds(-5))).isEqualTo(Duration.ofMinutes(15));
        assertThat(PROPERTIES.holdFor(Duration.ofSeconds(90))).isEqualTo(Duration.ofSeconds(90));
        assertThat(PROPERTIES.holdFor(Duration.ofDays(2))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void nonsensicalSettingsFailAtStartUp() {
        assertThatThrownBy(() -> new StockReservationProperties(Duration.ofHours(2), Duration.ofHours(1),
                Duration.ofSeconds(5), 100)).hasMessageContaining("default-hold");
        assertThatThrownBy(() -> new StockReservationProperties(Duration.ofMinutes(1), Duration.ofHours(1),
                Duration.ZERO, 100)).hasMessageContaining("sweep-interval");
        assertThatThrownBy(() -> new StockReservationProperties(Duration.ofMinutes(1), Duration.ofHours(1),
                Duration.ofSeconds(5), 0)).hasMessageContaining("sweep-batch");
    }

    @Test
    void linesOfOneProductAreMergedAndBadQuantitiesMarked() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();

        StockReservations.RequestedLines lines = StockReservations.RequestedLines.of(List.of(
                new ReserveStock.Line(a, 2), new ReserveStock.Line(b, 1), new ReserveStock.Line(a, 3),
                new ReserveStock.Line(c, 4), new ReserveStock.Line(c, -1),
                new ReserveStock.Line(b, Integer.MAX_VALUE)));

        assertThat(lines.quantities()).containsExactlyInAnyOrderEntriesOf(Map.of(a, 5, b, Integer.MAX_VALUE, c, -1));
        assertThat(lines.invalid()).isEqualTo(Set.of(c));
    }
}
