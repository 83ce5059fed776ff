package com.fruitfulplanet.devstack.infra;

/** Where the running infrastructure listens, as the services are told. */
public record InfraAddresses(String databaseHost, int databasePort, String kafkaBootstrapServers, String redisHost,
                             int redisPort) {
}
