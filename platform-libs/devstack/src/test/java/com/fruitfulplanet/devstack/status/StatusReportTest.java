package com.fruitfulplanet.devstack.status;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusReportTest {

    @Test
    void columnsAreAlignedWhateverTheWidths() {
        List<String> lines = StatusReport.table(List.of(
                List.of("SERVICE", "PID", "HEALTH"),
                List.of("notification-service", "123456", "ready"),
                List.of("gateway", "-", "down")));

        assertThat(lines).containsExactly(
                "  SERVICE               PID     HEALTH",
                "  notification-service  123456  ready",
                "  gateway               -       down");
    }
}
