package com.fruitfulplanet.platform.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * A service's full integration test against real PostgreSQL, Kafka and Redis: the whole application on a random
 * port, wired by {@link RealInfrastructureInitializer} to the JVM's {@link RealInfrastructure}. All a service's IT
 * needs is
 *
 * <pre>{@code
 * @PlatformIntegrationTest
 * class CatalogServiceIT { ... }
 * }</pre>
 *
 * <p>The service is recognised by {@code spring.application.name}, which must name a
 * {@link com.fruitfulplanet.contracts.platform.PlatformService}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructureInitializer.class)
public @interface PlatformIntegrationTest {
}
