package com.fruitfulplanet.devstack.services;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.devstack.process.RecordedProcess;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A service JVM devstack launched.
 *
 * @param classDataArchiveToSave where to save its class-data archive once it is ready, when it started without one
 */
public record ServiceProcess(PlatformService service, Process process, Path log, Instant launchedAt,
                             RecordedProcess record, Optional<Path> classDataArchiveToSave) {

    public String name() {
        return service.applicationName();
    }
}
