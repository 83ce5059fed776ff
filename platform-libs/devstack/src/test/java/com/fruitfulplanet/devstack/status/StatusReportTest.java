package com.fruitfulplanet.devstack.status;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.devstack.console.Console;
import com.fruitfulplanet.devstack.home.DevStackHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

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

    @TempDir
    Path workingDirectory;

    @Test
    void theReadyReportShowsSwaggerUiAndTheAdminLoginButTheLogGetsThePasswordMasked() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                workingDirectory);
        List<String> transcript = new ArrayList<>();
        console.transcribeTo(recordingLogger(transcript));

        StatusReport.print(console, List.of(new ServiceRow(PlatformService.GATEWAY, OptionalLong.of(42), "ready")),
                new DevStackHome(workingDirectory.resolve(".devstack")), Optional.of("s3cr3t-admin-password"),
                "Ctrl-C here");

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Swagger UI   http://127.0.0.1:8080/swagger-ui.html")
                .containsPattern("Admin login  admin@fruitfulplanet\\.local  password s3cr3t-admin-password  "
                        + "\\(kept in \\.devstack/secrets\\.properties\\)");
        assertThat(transcript).anySatisfy(line -> assertThat(line).contains("Admin login").contains("********"))
                .noneSatisfy(line -> assertThat(line).contains("s3cr3t-admin-password"));
    }

    @Test
    void theStatusReportPointsAtTheSecretsFileInsteadOfShowingThePassword() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                workingDirectory);

        StatusReport.print(console, List.of(), new DevStackHome(workingDirectory.resolve(".devstack")),
                Optional.empty(), "./devstack stop");

        assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                "Admin login  admin@fruitfulplanet.local  password kept in .devstack/secrets.properties as "
                        + "auth.bootstrap-admin.password");
    }

    /** A logger that keeps what is logged at info level. */
    private static Logger recordingLogger(List<String> lines) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("info") && args != null && args.length == 1) {
                        lines.add(String.valueOf(args[0]));
                    }
                    return method.getReturnType() == boolean.class ? false
                            : method.getName().equals("getName") ? "test" : null;
                });
    }
}
