package com.fruitfulplanet.platform.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InfrastructureModeTest {

    @Test
    void defaultsToAuto() {
        assertThat(InfrastructureMode.parse(null)).isEqualTo(InfrastructureMode.AUTO);
        assertThat(InfrastructureMode.parse(" ")).isEqualTo(InfrastructureMode.AUTO);
    }

    @Test
    void readsTheModeInAnyCase() {
        assertThat(InfrastructureMode.parse("embedded")).isEqualTo(InfrastructureMode.EMBEDDED);
        assertThat(InfrastructureMode.parse("Containers ")).isEqualTo(InfrastructureMode.CONTAINERS);
    }

    @Test
    void namesTheChoicesForAnUnknownMode() {
        assertThatThrownBy(() -> InfrastructureMode.parse("docker"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("fruitfulplanet.test.infrastructure=docker is not one of [auto, embedded, containers]");
    }
}
