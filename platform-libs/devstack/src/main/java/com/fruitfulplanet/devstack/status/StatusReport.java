package com.fruitfulplanet.devstack.status;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.devstack.console.Console;
import com.fruitfulplanet.devstack.health.Endpoints;
import com.fruitfulplanet.devstack.home.DevStackHome;
import com.fruitfulplanet.devstack.infra.LocalInfrastructure;
import com.fruitfulplanet.devstack.ports.LocalPorts;
import com.fruitfulplanet.devstack.ports.PortCheck;
import com.fruitfulplanet.devstack.secrets.LocalSecrets;
import com.fruitfulplanet.devstack.services.ServiceEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The table {@code up} prints once the platform is ready and {@code status} prints with live health. */
public final class StatusReport {

    private static final List<String> HEADER = List.of("SERVICE", "PID", "URL", "MANAGEMENT", "HEALTH");

    /** The API documentation (Swagger UI over every service's API), served by the gateway. */
    public static final String SWAGGER_UI_PATH = "/swagger-ui.html";

    /**
     * @param adminPassword the bootstrap admin's password to show, or empty to point at the secrets file instead
     */
    public static void print(Console console, List<ServiceRow> services, DevStackHome home,
                             Optional<String> adminPassword, String howToStop) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ServiceRow row : services) {
            rows.add(List.of(row.service().applicationName(),
                    row.pid().isPresent() ? Long.toString(row.pid().getAsLong()) : "-",
                    Endpoints.url(row.service()),
                    Endpoints.managementUrl(row.service()),
                    row.health()));
        }
        table(rows).forEach(console::line);
        console.line("");
        console.line("Infrastructure");
        infrastructure(console, "PostgreSQL", LocalPorts.POSTGRES,
                "jdbc:postgresql://%s:%d/%s".formatted(
                        LocalPorts.LOOPBACK, LocalPorts.POSTGRES, LocalInfrastructure.DATABASE),
                "role = schema per service; passwords in " + console.path(home.secrets()));
        infrastructure(console, "Kafka", LocalPorts.KAFKA, LocalPorts.LOOPBACK + ":" + LocalPorts.KAFKA,
                "KRaft controller on " + LocalPorts.KAFKA_CONTROLLER);
        infrastructure(console, "Redis", LocalPorts.REDIS,
                "redis://%s:%d".formatted(LocalPorts.LOOPBACK, LocalPorts.REDIS), "");
        console.line("");
        console.line("  %-12s %s", "Swagger UI", Endpoints.url(PlatformService.GATEWAY) + SWAGGER_UI_PATH);
        String where = "kept in " + console.path(home.secrets());
        adminPassword.ifPresentOrElse(
                password -> console.sensitiveLine("  %-12s %s  password %s  (%s)".formatted("Admin login",
                        ServiceEnvironment.ADMIN_EMAIL, password, where), password),
                () -> console.line("  %-12s %s  password %s as %s", "Admin login", ServiceEnvironment.ADMIN_EMAIL,
                        where, LocalSecrets.ADMIN_PASSWORD_KEY));
        console.line("  %-12s %s (one file per service, devstack.log for devstack itself)", "Logs",
                console.path(home.logs()));
        console.line("  %-12s %s", "Stop", howToStop);
    }

    private static void infrastructure(Console console, String name, int port, String address, String note) {
        String state = PortCheck.isFree(port) ? "NOT LISTENING" : "listening";
        console.line("  %-12s %-50s %-13s %s", name, address, state, note);
    }

    /** Left-aligned columns, two spaces apart. */
    static List<String> table(List<List<String>> rows) {
        int columns = rows.getFirst().size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < columns; i++) {
                line.append(' ').append(i == columns - 1 ? row.get(i) : pad(row.get(i), widths[i] + 1));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    private StatusReport() {
    }
}
