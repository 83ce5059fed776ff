package com.fruitfulplanet.devstack.services;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.devstack.process.GracefulStop;
import com.fruitfulplanet.devstack.process.ProcessRegistry;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The service JVMs of a running devstack. They are all launched at once and start in parallel; on two cores that
 * is about twice as fast as one after another, because much of a Spring Boot start is waiting, not computing.
 */
public final class ServiceFleet {

    private final List<ServiceProcess> processes;

    private ServiceFleet(List<ServiceProcess> processes) {
        this.processes = List.copyOf(processes);
    }

    /** Launches every service and records its PID; if one cannot be launched, stops those that were. */
    public static ServiceFleet launch(ServiceLauncher launcher,
                                      Function<PlatformService, Map<String, String>> environment,
                                      ProcessRegistry registry, Duration grace) throws IOException {
        List<ServiceProcess> launched = new ArrayList<>();
        try {
            for (PlatformService service : PlatformService.values()) {
                ServiceProcess process = launcher.launch(service, environment.apply(service));
                launched.add(process);
                registry.record(process.record());
            }
            return new ServiceFleet(launched);
        } catch (IOException | RuntimeException e) {
            new ServiceFleet(launched).stop(grace);
            throw e;
        }
    }

    public List<ServiceProcess> processes() {
        return processes;
    }

    /** Stops every service by PID; returns those that had to be killed after the grace period. */
    public List<ServiceProcess> stop(Duration grace) {
        List<ProcessHandle> handles = processes.stream().map(process -> process.process().toHandle()).toList();
        List<ProcessHandle> killed = GracefulStop.stop(handles, grace);
        return processes.stream().filter(p -> killed.contains(p.process().toHandle())).toList();
    }
}
