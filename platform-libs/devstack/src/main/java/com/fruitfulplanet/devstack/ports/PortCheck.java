package com.fruitfulplanet.devstack.ports;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Collection;
import java.util.List;

/**
 * Finds which of the ports we need are already taken, before anything starts: a half-started platform whose gateway
 * cannot bind is far more confusing than one clear message up front.
 */
public final class PortCheck {

    public static List<RequiredPort> taken(Collection<RequiredPort> ports) {
        return ports.stream().filter(port -> !isFree(port.port())).toList();
    }

    /**
     * True when we could listen on 127.0.0.1:port right now. Binding is the honest test: it also fails when another
     * program listens on the wildcard address, which a connect to 127.0.0.1 might not reveal. SO_REUSEADDR is on,
     * as in the servers we start, so connections of an earlier run still in TIME_WAIT do not count as taken.
     */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LocalPorts.LOOPBACK), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private PortCheck() {
    }
}
