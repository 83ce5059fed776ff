package com.fruitfulplanet.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fruitfulplanet.contracts.events.catalog.StockChanged;
import com.fruitfulplanet.contracts.events.catalog.StockReleased;
import com.fruitfulplanet.contracts.events.order.OrderCancelled;
import com.fruitfulplanet.contracts.events.order.OrderPlaced;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of every event type against its golden file, both ways: what this build writes must be exactly the
 * committed JSON (a renamed, removed or retyped field fails here), and the committed JSON must still read into the
 * same record. Changing a golden file is changing the wire contract; within {@code v1} only additions are allowed.
 */
class EventJsonGoldenTest {

    static final List<EventType<?>> TYPES = EventCatalog.all();

    @ParameterizedTest(name = "{0}")
    @FieldSource("TYPES")
    void writesExactlyTheGoldenJson(EventType<?> type) {
        JsonNode written = tree(EventJson.write(EventSamples.of(type)));

        assertThat(written).isEqualTo(tree(GoldenFiles.event(type)));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TYPES")
    void readsTheGoldenJsonIntoTheSample(EventType<?> type) {
        DomainEvent read = EventJson.read(GoldenFiles.event(type), type.payloadType());

        assertThat(read).isInstanceOf(type.payloadType()).isEqualTo(EventSamples.of(type));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("TYPES")
    void leavesTheKeyOutOfTheJson(EventType<?> type) {
        assertThat(tree(EventJson.write(EventSamples.of(type))).has("key")).isFalse();
    }

    @Test
    void everyEventTypeHasASampleAndAGoldenFileAndNoGoldenFileIsOrphaned() {
        assertThat(EventCatalog.all()).allSatisfy(type -> {
            assertThat(EventSamples.of(type)).as("sample of %s", type.name()).isInstanceOf(type.payloadType());
            assertThat(GoldenFiles.hasEvent(type)).as("golden file of %s", type.name()).isTrue();
        });
        assertThat(EventSamples.all()).hasSameSizeAs(EventCatalog.all());
        assertThat(GoldenFiles.eventFileNames())
                .containsExactlyInAnyOrderElementsOf(EventCatalog.all().stream().map(t -> t.name() + ".json").toList());
    }

    @Test
    void toleratesFieldsAndEnumValuesAddedLaterWithinTheMajorVersion() {
        ObjectNode released = goldenTree(EventCatalog.STOCK_RELEASED);
        released.put("reason", "RETURNED_BY_COURIER");
        released.putObject("addedLater").put("warehouseId", "0b6e4f3c-1d2a-4c5b-8e9f-000000000005");
        ObjectNode cancelled = goldenTree(EventCatalog.ORDER_CANCELLED);
        cancelled.put("reason", "FRAUD_SUSPECTED");
        cancelled.put("refundPending", true);

        StockReleased readReleased = EventJson.read(bytes(released), StockReleased.class);
        OrderCancelled readCancelled = EventJson.read(bytes(cancelled), OrderCancelled.class);

        assertThat(readReleased.reason()).isEqualTo(StockReleased.ReleaseReason.UNKNOWN);
        assertThat(readReleased.orderId()).isEqualTo(EventSamples.of(EventCatalog.STOCK_RELEASED).orderId());
        assertThat(readCancelled.reason()).isEqualTo(OrderCancelled.CancellationReason.UNKNOWN);
        assertThat(readCancelled.cancelledAt()).isEqualTo(EventSamples.of(EventCatalog.ORDER_CANCELLED).cancelledAt());
    }

    @Test
    void aMissingRequiredFieldFailsNamingTheFieldAndTheType() {
        ObjectNode placed = goldenTree(EventCatalog.ORDER_PLACED);
        placed.remove("customerId");

        assertThatThrownBy(() -> EventJson.read(bytes(placed), OrderPlaced.class))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining(OrderPlaced.class.getName())
                .hasMessageContaining("required field 'customerId' is missing");
    }

    @Test
    void aMissingFieldOfALineFailsWithWhereTheLineIs() {
        ObjectNode placed = goldenTree(EventCatalog.ORDER_PLACED);
        ((ObjectNode) ((ArrayNode) placed.get("lines")).get(1)).putNull("unitPrice");

        assertThatThrownBy(() -> EventJson.read(bytes(placed), OrderPlaced.class))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("required field 'unitPrice' is missing or null (at lines[1])")
                .hasMessageNotContaining("PEAR-CONF-1KG");
    }

    @Test
    void aMissingNumberFailsRatherThanReadingAsZero() {
        ObjectNode changed = goldenTree(EventCatalog.STOCK_CHANGED);
        changed.remove("available");

        assertThatThrownBy(() -> EventJson.read(bytes(changed), StockChanged.class))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining(StockChanged.class.getName())
                .hasMessageContaining("(at available)");
    }

    @Test
    void malformedJsonFailsWithoutQuotingThePayload() {
        byte[] truncated = "{\"orderId\":\"0b6e4f3c-1d2a-4c5b-8e9f-000000000006\",\"customerId\":\"0b6e".getBytes();

        assertThatThrownBy(() -> EventJson.read(truncated, OrderPlaced.class))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageStartingWith("Cannot decode " + OrderPlaced.class.getName() + ": ")
                .hasMessageNotContaining("0b6e4f3c-1d2a-4c5b-8e9f-000000000006");
    }

    @Test
    void noDataAndJsonNullAreNotEvents() {
        assertThatThrownBy(() -> EventJson.read(new byte[0], OrderPlaced.class))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("no data");
        assertThatThrownBy(() -> EventJson.read("null".getBytes(), OrderPlaced.class))
                .isInstanceOf(EventDecodingException.class).hasMessageContaining("JSON null");
    }

    private static JsonNode tree(byte[] json) {
        return EventJson.mapper().readTree(json);
    }

    private static ObjectNode goldenTree(EventType<?> type) {
        return (ObjectNode) tree(GoldenFiles.event(type));
    }

    private static byte[] bytes(JsonNode tree) {
        return EventJson.mapper().writeValueAsBytes(tree);
    }
}
