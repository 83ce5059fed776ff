package com.fruitfulplanet.devstack.ports;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PortCheckTest {

    @Test
    void aPortSomeoneListensOnIsTakenAndFreeAgainWhenTheyStop() throws IOException {
        int port;
        try (ServerSocket someoneElse = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = someoneElse.getLocalPort();
            RequiredPort wanted = new RequiredPort(port, "gateway HTTP");

            assertThat(PortCheck.isFree(port)).isFalse();
            assertThat(PortCheck.taken(List.of(wanted))).containsExactly(wanted);
        }
        assertThat(PortCheck.isFree(port)).isTrue();
    }

    @Test
    void aListenerOnTheWildcardAddressAlsoTakesThePort() throws IOException {
        try (ServerSocket everywhere = new ServerSocket()) {
            everywhere.bind(new InetSocketAddress(0));
            assertThat(PortCheck.isFree(everywhere.getLocalPort())).isFalse();
        }
    }

    @Test
    void reportsOnlyTheTakenPorts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int free = freePort();
            List<RequiredPort> wanted = List.of(
                    new RequiredPort(free, "free"), new RequiredPort(taken.getLocalPort(), "taken"));

            assertThat(PortCheck.taken(wanted)).extracting(RequiredPort::purpose).containsExactly("taken");
        }
    }

    @Test
    void everyPortOfThePlatformIsCheckedOnce() {
        List<RequiredPort> required = LocalPorts.required();

        assertThat(required).extracting(RequiredPort::port)
                .doesNotHaveDuplicates()
                .contains(8080, 8086, 9080, 9086, 15432, 19092, 19093, 16379)
                .hasSize(7 * 2 + 4);
        assertThat(required).filteredOn(port -> port.port() == 19093)
                .extracting(RequiredPort::purpose).containsExactly("Kafka KRaft controller");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
