package com.fruitfulplanet.contracts.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlatformServiceTest {

    @Test
    void everyPortIsTakenByExactlyOneService() {
        Set<Integer> ports = new HashSet<>();
        for (PlatformService service : PlatformService.values()) {
            assertThat(ports.add(service.port())).as("port %d of %s", service.port(), service).isTrue();
            assertThat(ports.add(service.managementPort())).as("management port of %s", service).isTrue();
        }
    }

    @Test
    void portsFollowTheDocumentedLayout() {
        assertThat(Arrays.stream(PlatformService.values()).mapToInt(PlatformService::port).toArray())
                .containsExactly(IntStream.rangeClosed(8080, 8086).toArray());
    }

    @Test
    void everyBackendOwnsItsOwnSchemaAndTheGatewayNone() {
        assertThat(PlatformService.GATEWAY.schema()).isEmpty();
        assertThat(Arrays.stream(PlatformService.backends()).map(s -> s.schema().orElseThrow()))
                .containsExactly("auth", "catalog", "ordering", "payment", "notification", "sync1c");
        assertThat(PlatformService.backends()).allMatch(PlatformService::usesDatabase);
    }

    @Test
    void findsServicesByApplicationName() {
        assertThat(PlatformService.byApplicationName("sync-1c-service")).contains(PlatformService.SYNC_1C);
        assertThat(PlatformService.byApplicationName("nope")).isEmpty();
    }
}
