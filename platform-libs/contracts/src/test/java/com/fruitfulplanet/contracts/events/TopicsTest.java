package com.fruitfulplanet.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyDomainTopicHasADeadLetterTopicOfTheSameWidth() {
        assertThat(Topics.all()).hasSize(Topics.DOMAIN.size() * 2);
        assertThat(Topics.all()).extracting(TopicDefinition::name)
                .contains("order.v1", "order.v1.DLT", "catalog.stock.v1.DLT")
                .doesNotHaveDuplicates();
        assertThat(Topics.ORDER.deadLetter().partitions()).isEqualTo(Topics.ORDER.partitions());
    }

    @Test
    void rejectsNamesOutsideTheConvention() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TopicDefinition("Orders", 3, Duration.ofDays(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new TopicDefinition("order.v1", 0, Duration.ofDays(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new TopicDefinition("order.v1", 1, Duration.ZERO));
    }
}
