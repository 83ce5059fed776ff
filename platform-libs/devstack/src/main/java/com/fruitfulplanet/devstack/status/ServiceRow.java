package com.fruitfulplanet.devstack.status;

import com.fruitfulplanet.contracts.platform.PlatformService;

import java.util.OptionalLong;

/** One line of the services table. */
public record ServiceRow(PlatformService service, OptionalLong pid, String health) {
}
