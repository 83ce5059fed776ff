package com.fruitfulplanet.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressTest {

    static MockServerHttpRequest from(String peer, String... forwardedFor) {
        return MockServerHttpRequest.get("/api/v1/products")
                .remoteAddress(new InetSocketAddress(peer, 40000))
                .header("X-Forwarded-For", forwardedFor)
                .build();
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(new ClientAddress(0).of(from("192.0.2.10", "203.0.113.1"))).isEqualTo("192.0.2.10");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1 | 203.0.113.7                          | 203.0.113.7",
            "1 | 6.6.6.6, 203.0.113.7                 | 203.0.113.7",
            "2 | 6.6.6.6, 203.0.113.7, 10.0.0.5       | 203.0.113.7",
            "3 | 203.0.113.7, 10.0.0.5                | 203.0.113.7",
            "1 | 203.0.113.7:51234                    | 203.0.113.7",
            "1 | '[2001:db8:1:2:3:4:5:6]:443'          | 2001:db8:1:2::/64",
            "1 | 2001:db8:1:2:aaaa:bbbb:cccc:dddd     | 2001:db8:1:2::/64",
            "1 | unknown                              | unknown"})
    void behindProxiesTheClientIsAsManyEntriesFromTheRightAsThereAreTrustedHops(int hops, String header,
            String client) {
        assertThat(new ClientAddress(hops).of(from("10.0.0.1", header))).isEqualTo(client);
    }

    @Test
    void severalHeadersReadAsOneList() {
        assertThat(new ClientAddress(1).of(from("10.0.0.1", "6.6.6.6", "203.0.113.7"))).isEqualTo("203.0.113.7");
    }

    @Test
    void withoutTheHeaderThePeerIsTheClient() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/")
                .remoteAddress(new InetSocketAddress("192.0.2.10", 40000)).build();
        assertThat(new ClientAddress(2).of(request)).isEqualTo("192.0.2.10");
    }

    @Test
    void anIpv6PeerIsCountedPerSlash64() {
        assertThat(new ClientAddress(0).of(from("2001:db8:aa:bb:1:2:3:4")))
                .isEqualTo(new ClientAddress(0).of(from("2001:db8:aa:bb:ffff:0:0:1")))
                .endsWith("/64");
    }
}
