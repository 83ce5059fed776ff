package com.fruitfulplanet.platform.test;

import org.springframework.boot.SpringBootConfiguration;

/** The smallest Spring Boot application, standing in for a service in this module's own tests. */
@SpringBootConfiguration
class PlatformTestApplication {
}
