package com.fruitfulplanet.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fruitfulplanet.contracts.events.order.OrderPlaced;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/**
 * The envelope against its golden headers, both ways: the Kafka headers this build writes for an event must be exactly
 * the committed ones, and a record carrying the committed headers and data must read back to the same event.
 */
class EventEnvelopeTest {

    static final String GOLDEN_HEADERS = GoldenFiles.ENVELOPE + "order-placed.headers.json";
    static final String TOPIC = Topics.ORDER.name();
    static final String KEY = EventSamples.ORDER.toString();
    static final EventMetadata METADATA = new EventMetadata(
            UUID.fromString("7d3f5a2e-9c41-4b8a-a6d2-5e0f1c2b3a4d"),
            EventCatalog.ORDER_PLACED.name(),
            EventMetadata.sourceOf("order-service"),
            OffsetDateTime.parse("2026-05-01T10:15:30.250Z"),
            EventSamples.ORDER.toString(),
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    @Test
    void writesExactlyTheGoldenHeadersWithTheKeyAndTheJsonData() {
        byte[] data = EventJson.write(EventSamples.of(EventCatalog.ORDER_PLACED));

        ProducerRecord<String, byte[]> record = EventEnvelope.toProducerRecord(TOPIC, KEY, METADATA, data);

        assertThat(headerMap(record.headers())).containsExactlyInAnyOrderEntriesOf(goldenHeaders());
        assertThat(record.headers().toArray()).hasSize(goldenHeaders().size());
        assertThat(record.topic()).isEqualTo(TOPIC);
        assertThat(record.partition()).isNull();
        assertThat(record.key()).isEqualTo(KEY);
        assertThat(record.value()).isEqualTo(data);
    }

    @Test
    void readsTheGoldenHeadersAndDataBackIntoTheEvent() {
        byte[] goldenData = GoldenFiles.event(EventCatalog.ORDER_PLACED);

        ReceivedEvent received = EventEnvelope.read(consumerRecord(headers(goldenHeaders()), goldenData));

        assertThat(received).isEqualTo(new ReceivedEvent(METADATA, KEY, goldenData));
        assertThat(EventJson.read(received.data(), OrderPlaced.class))
                .isEqualTo(EventSamples.of(EventCatalog.ORDER_PLACED));
    }

    @Test
    void whatIsWrittenReadsBackTheSame() {
        byte[] data = EventJson.write(EventSamples.of(EventCatalog.ORDER_PLACED));
        ProducerRecord<String, byte[]> sent = EventEnvelope.toProducerRecord(TOPIC, KEY, METADATA, data);

        ReceivedEvent received = EventEnvelope.read(consumerRecord(sent.headers(), sent.value()));

        assertThat(received).isEqualTo(new ReceivedEvent(METADATA, KEY, data));
    }

    @Test
    void withoutATraceThereIsNoTraceparentHeader() {
        EventMetadata untraced = new EventMetadata(METADATA.id(), METADATA.type(), METADATA.source(), METADATA.time(),
                METADATA.subject(), null);

        ProducerRecord<String, byte[]> sent = EventEnvelope.toProducerRecord(TOPIC, KEY, untraced, "{}".getBytes());

        assertThat(sent.headers().lastHeader(EventEnvelope.TRACEPARENT_HEADER)).isNull();
        assertThat(EventEnvelope.read(consumerRecord(sent.headers(), sent.value())).metadata()).isEqualTo(untraced);
    }

    @Test
    void aRecordWithoutCloudEventsHeadersIsNotAnEvent() {
        Map<String, String> plain = Map.of("content-type", "application/json");

        assertThatThrownBy(() -> EventEnvelope.read(consumerRecord(headers(plain), "{}".getBytes())))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("Not a CloudEvent (order.v1-2@17)");
    }

    @Test
    void anUnknownSpecVersionIsNotAnEvent() {
        Map<String, String> golden = goldenHeaders();
        golden.put("ce_specversion", "0.2");

        assertThatThrownBy(() -> EventEnvelope.read(consumerRecord(headers(golden), "{}".getBytes())))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("specversion")
                .hasMessageContaining("0.2");
    }

    @Test
    void everyAttributeOfTheMetadataIsRequired() {
        for (String attribute : new String[] {"ce_id", "ce_type", "ce_source", "ce_time", "ce_subject"}) {
            Map<String, String> golden = goldenHeaders();
            golden.remove(attribute);

            assertThatThrownBy(() -> EventEnvelope.read(consumerRecord(headers(golden), "{}".getBytes())))
                    .as(attribute)
                    .isInstanceOf(EventDecodingException.class)
                    .hasMessageContaining(attribute.substring("ce_".length()));
        }
    }

    @Test
    void anIdThatIsNotAUuidIsRejected() {
        Map<String, String> golden = goldenHeaders();
        golden.put("ce_id", "42");

        assertThatThrownBy(() -> EventEnvelope.read(consumerRecord(headers(golden), "{}".getBytes())))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("not a UUID");
    }

    @Test
    void aRecordWithoutDataIsNotAnEvent() {
        assertThatThrownBy(() -> EventEnvelope.read(consumerRecord(headers(goldenHeaders()), null)))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("no data");
    }

    @Test
    void aReceivedEventComparesItsDataByContentAndDoesNotPrintIt() {
        ReceivedEvent one = new ReceivedEvent(METADATA, KEY, "{\"email\":\"anna@example.org\"}".getBytes());
        ReceivedEvent same = new ReceivedEvent(METADATA, KEY, "{\"email\":\"anna@example.org\"}".getBytes());
        ReceivedEvent other = new ReceivedEvent(METADATA, KEY, "{}".getBytes());

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(other);
        assertThat(one.toString()).contains("data=28 bytes", KEY).doesNotContain("anna@example.org");
    }

    @Test
    void theSourceOfAServiceIsAnUrnWithItsApplicationName() {
        assertThat(EventMetadata.sourceOf("order-service")).isEqualTo(URI.create("urn:fruitfulplanet:order-service"));
        assertThatThrownBy(() -> EventMetadata.sourceOf("Order Service")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTimeIsKeptInUtc() {
        EventMetadata moscow = new EventMetadata(METADATA.id(), METADATA.type(), METADATA.source(),
                OffsetDateTime.parse("2026-05-01T13:15:30.250+03:00"), METADATA.subject(), null);

        assertThat(moscow.time()).isEqualTo(METADATA.time());
    }

    private static Map<String, String> goldenHeaders() {
        return EventJson.mapper().readValue(GoldenFiles.read(GOLDEN_HEADERS),
                new TypeReference<LinkedHashMap<String, String>>() { });
    }

    private static Map<String, String> headerMap(Headers headers) {
        Map<String, String> map = new LinkedHashMap<>();
        headers.forEach(header -> map.put(header.key(), new String(header.value(), StandardCharsets.UTF_8)));
        return map;
    }

    private static Headers headers(Map<String, String> values) {
        RecordHeaders headers = new RecordHeaders();
        values.forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    private static ConsumerRecord<String, byte[]> consumerRecord(Headers headers, byte[] value) {
        return new ConsumerRecord<>(TOPIC, 2, 17L, 0L, TimestampType.CREATE_TIME, KEY.length(),
                value == null ? -1 : value.length, KEY, value, headers, Optional.empty());
    }
}
