package com.fruitfulplanet.devstack.ports;

import com.fruitfulplanet.contracts.platform.PlatformService;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where everything of the local platform listens. The services' ports come from {@link PlatformService}; the
 * infrastructure ports are fixed here, away from the usual defaults (5432, 9092, 6379), so a Postgres, Kafka or Redis
 * a developer already runs does not collide with ours.
 */
public final class LocalPorts {

    /** Everything devstack starts binds to loopback only. */
    public static final String LOOPBACK = "127.0.0.1";

    public static final int POSTGRES = 15432;
    public static final int KAFKA = 19092;
    public static final int KAFKA_CONTROLLER = 19093;
    public static final int REDIS = 16379;

    /** Every port devstack will bind, checked before anything starts. */
    public static List<RequiredPort> required() {
        List<RequiredPort> ports = new ArrayList<>();
        for (PlatformService service : PlatformService.values()) {
            ports.add(new RequiredPort(service.port(), service.applicationName() + " HTTP"));
            ports.add(new RequiredPort(service.managementPort(), service.applicationName() + " management (actuator)"));
        }
        ports.add(new RequiredPort(POSTGRES, "PostgreSQL"));
        ports.add(new RequiredPort(KAFKA, "Kafka broker"));
        ports.add(new RequiredPort(KAFKA_CONTROLLER, "Kafka KRaft controller"));
        ports.add(new RequiredPort(REDIS, "Redis"));
        return List.copyOf(ports);
    }

    /** One line for help texts, e.g. "services 8080-8086, management 9080-9086, PostgreSQL 15432, ...". */
    public static String summary() {
        return "services %s, management %s, PostgreSQL %d, Kafka %d (controller %d), Redis %d".formatted(
                range(Arrays.stream(PlatformService.values()).mapToInt(PlatformService::port).toArray()),
                range(Arrays.stream(PlatformService.values()).mapToInt(PlatformService::managementPort).toArray()),
                POSTGRES, KAFKA, KAFKA_CONTROLLER, REDIS);
    }

    private static String range(int[] ports) {
        int min = Arrays.stream(ports).min().orElseThrow();
        int max = Arrays.stream(ports).max().orElseThrow();
        return min + "-" + max;
    }

    private LocalPorts() {
    }
}
