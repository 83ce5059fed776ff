package com.fruitfulplanet.platform.test;

import com.fruitfulplanet.platform.infra.PostgresEndpoint;

/** PostgreSQL, Kafka and Redis that are up, whichever way they were started. */
interface RunningInfrastructure extends AutoCloseable {

    /** The Postgres superuser endpoint. */
    PostgresEndpoint postgres();

    String kafkaBootstrapServers();

    String redisHost();

    int redisPort();

    /** Stops everything; safe to call twice. */
    @Override
    void close();
}
