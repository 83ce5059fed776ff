package com.fruitfulplanet.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;

class ListeningSocketsTest {

    private static final String HEADER =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

    @Test
    void readsLoopbackAndWildcardListenersFromTheKernelTable() {
        List<String> ipv4 = List.of(HEADER,
                "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1",
                "   1: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1",
                // An established connection on the same port is not a listener.
                "   2: 0100007F:1F90 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 3 1",
                "   3: 0100007F:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4 1");

        assertThat(ListeningSockets.parse(ipv4, 8080)).extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.1", "0.0.0.0");
    }

    @Test
    void readsIpv6Addresses() {
        List<String> ipv6 = List.of(HEADER,
                "   0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 0 0 0 0 0 1",
                "   1: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 0 0 0 0 0 2");

        assertThat(ListeningSockets.parse(ipv6, 8080)).extracting(InetAddress::getHostAddress)
                .containsExactly("0:0:0:0:0:0:0:1", "0:0:0:0:0:0:0:0");
    }

    @Test
    void seesARealLoopbackListenerAndItsDisappearance() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
            assertThat(ListeningSockets.onlyLoopbackIpv4(port)).isTrue();
        }
        assertThat(ListeningSockets.on(port)).isEmpty();
    }

    @Test
    void aWildcardListenerIsNotLoopbackOnly() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            assertThat(ListeningSockets.onlyLoopbackIpv4(socket.getLocalPort())).isFalse();
        }
    }
}
