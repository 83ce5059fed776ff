package com.fruitfulplanet.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fruitfulplanet.contracts.events.catalog.StockRejected;
import com.fruitfulplanet.contracts.events.order.OrderPlaced;
import org.junit.jupiter.api.Test;

class EventCatalogTest {

    @Test
    void namesAndRecordsAreUniqueAndEveryTopicIsADomainTopic() {
        assertThat(EventCatalog.all()).hasSize(28);
        assertThat(EventCatalog.all()).extracting(EventType::name).doesNotHaveDuplicates();
        assertThat(EventCatalog.all()).extracting(EventType::payloadType).doesNotHaveDuplicates();
        assertThat(EventCatalog.all()).extracting(EventType::topic).isSubsetOf(Topics.DOMAIN);
    }

    @Test
    void aTypeIsNamedAfterItsDomainAndRecord() {
        assertThat(EventCatalog.all()).allSatisfy(type -> {
            String domain = type.payloadType().getPackageName().replaceFirst(".*\\.", "");
            assertThat(type.name()).isEqualTo(
                    "com.fruitfulplanet.%s.%s.v1".formatted(domain, type.payloadType().getSimpleName()));
        });
    }

    @Test
    void findsATypeByNameByRecordAndByTopic() {
        assertThat(EventCatalog.byName("com.fruitfulplanet.order.OrderPlaced.v1")).contains(EventCatalog.ORDER_PLACED);
        assertThat(EventCatalog.byName("com.fruitfulplanet.order.OrderPlaced.v2")).isEmpty();
        assertThat(EventCatalog.of(OrderPlaced.class)).isSameAs(EventCatalog.ORDER_PLACED);
        assertThat(EventCatalog.onTopic(Topics.CATALOG_STOCK)).containsExactly(EventCatalog.STOCK_CHANGED,
                EventCatalog.STOCK_RESERVED, EventCatalog.STOCK_REJECTED, EventCatalog.STOCK_RELEASED);
        assertThat(EventCatalog.onTopic(Topics.ORDER.deadLetter())).isEmpty();
    }

    @Test
    void anUnregisteredRecordIsNamedInTheError() {
        record Unregistered(String id) implements DomainEvent {
            @Override
            public String key() {
                return id;
            }
        }

        assertThatIllegalArgumentException().isThrownBy(() -> EventCatalog.of(Unregistered.class))
                .withMessageContaining(Unregistered.class.getName());
    }

    @Test
    void rejectsTypeNamesOutsideTheConvention() {
        for (String name : new String[] {"OrderPlaced", "com.fruitfulplanet.order.OrderPlaced",
                "com.fruitfulplanet.Order.OrderPlaced.v1", "com.fruitfulplanet.order.orderPlaced.v1",
                "org.example.order.OrderPlaced.v1"}) {
            assertThatIllegalArgumentException().as(name)
                    .isThrownBy(() -> new EventType<>(name, StockRejected.class, Topics.CATALOG_STOCK));
        }
        assertThat(new EventType<>("com.fruitfulplanet.catalog.StockRejected.v12", StockRejected.class,
                Topics.CATALOG_STOCK).name()).endsWith(".v12");
    }

    @Test
    void theKeyIsTheAggregateWhoseEventsMustStayInOrder() {
        assertThat(EventSamples.of(EventCatalog.STOCK_RESERVED).key()).isEqualTo(EventSamples.ORDER.toString());
        assertThat(EventSamples.of(EventCatalog.PAYMENT_FAILED).key()).isEqualTo(EventSamples.ORDER.toString());
        assertThat(EventSamples.of(EventCatalog.STOCK_CHANGED).key()).isEqualTo(EventSamples.PRODUCT.toString());
        assertThat(EventSamples.of(EventCatalog.USER_REGISTERED).key()).isEqualTo(EventSamples.USER.toString());
        assertThat(EventSamples.of(EventCatalog.ORDERS_EXPORTED).key()).isEqualTo(EventSamples.SESSION.toString());
    }
}
