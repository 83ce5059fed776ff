package com.fruitfulplanet.platform.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Started by {@link JvmExitIT} as a separate JVM: starts all three servers, prints their ports and process ids, then
 * exits on "exit" from stdin <em>without</em> closing them (or is killed), to see what the JVM leaves behind.
 *
 * <p>Arguments: Postgres data, Kafka log and Redis data directories, each "-" for throwaway (Kafka's also "none"
 * for no broker); then the Postgres, Kafka, controller and Redis ports.
 */
public final class ServersInAnotherJvm {

    private ServersInAnotherJvm() {
    }

    public static void main(String[] args) throws IOException {
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(directory(args[0]), Integer.parseInt(args[3]));
        EmbeddedKafkaBroker kafka = args[1].equals("none") ? null
                : EmbeddedKafkaBroker.start(directory(args[1]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        EmbeddedRedisServer redis = EmbeddedRedisServer.start(directory(args[2]), Integer.parseInt(args[6]));
        System.out.println("READY " + postgres.port() + " " + postgres.pid() + " " + (kafka == null ? 0 : kafka.port())
                + " " + (kafka == null ? 0 : kafka.controllerPort()) + " " + redis.port() + " " + redis.pid());
        System.out.flush();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = stdin.readLine(); line != null; line = stdin.readLine()) {
            if (line.equals("exit")) {
                System.exit(0);
            }
        }
    }

    private static Path directory(String argument) {
        return argument.equals("-") ? null : Path.of(argument);
    }
}
