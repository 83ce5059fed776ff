package com.fruitfulplanet.platform.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Picks TCP ports on 127.0.0.1 for servers started with port 0. The servers need the number before they bind (Kafka
 * writes its controller address into its configuration), so the port is probed and released; another process could
 * take it in between, which on a developer machine or CI runner is rare enough to accept.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** A port nothing listens on at this moment on 127.0.0.1. */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free TCP port on 127.0.0.1", e);
        }
    }

    /** {@code port} itself, or a {@linkplain #pick() free one} when it is 0. */
    public static int orFree(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Not a TCP port (0 means any free one): " + port);
        }
        return port == 0 ? pick() : port;
    }

    /** A free port other than {@code taken}, for a server that needs two. */
    static int pickOtherThan(int taken) {
        int port = pick();
        while (port == taken) {
            port = pick();
        }
        return port;
    }
}
