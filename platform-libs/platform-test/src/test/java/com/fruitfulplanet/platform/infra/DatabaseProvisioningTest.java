package com.fruitfulplanet.platform.infra;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fruitfulplanet.contracts.platform.PlatformService;
import org.junit.jupiter.api.Test;

class DatabaseProvisioningTest {

    private static final PostgresEndpoint NOWHERE = new PostgresEndpoint("127.0.0.1", 1, "postgres", "postgres", "x");

    @Test
    void refusesAServiceWithoutSchema() {
        assertThatThrownBy(() -> DatabaseProvisioning.provision(NOWHERE, "fruitfulplanet", PlatformService.GATEWAY,
                "secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gateway has no database schema");
    }

    @Test
    void refusesAnEmptyPassword() {
        assertThatThrownBy(() -> DatabaseProvisioning.provision(NOWHERE, "fruitfulplanet", PlatformService.CATALOG,
                ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-empty password");
    }
}
