package com.fruitfulplanet.gateway.ratelimit;

import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Who is on the other end of a request, as far as rate limits are concerned. The connection's peer address, unless
 * the gateway runs behind proxies: then the address the outermost trusted proxy saw, read from the right-hand end
 * of {@code X-Forwarded-For} (each proxy appends the address it received the request from, so only the last
 * {@code trustedProxyHops} entries were written by proxies we run; anything left of them is whatever the client
 * chose to send).
 *
 * <p>IPv6 clients are counted per /64: one subscriber usually holds a whole /64 and could otherwise rotate through
 * addresses at will.
 */
final class ClientAddress {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final int MAX_LENGTH = 64;

    private final int trustedProxyHops;

    ClientAddress(int trustedProxyHops) {
        this.trustedProxyHops = trustedProxyHops;
    }

    String of(ServerHttpRequest request) {
        String peer = peerOf(request);
        if (trustedProxyHops == 0) {
            return peer;
        }
        List<String> hops = request.getHeaders().getOrEmpty(FORWARDED_FOR).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(hop -> !hop.isEmpty())
                .toList();
        if (hops.isEmpty()) {
            return peer;
        }
        // Fewer entries than trusted hops: every entry was written by a trusted proxy; the first is the furthest.
        return normalise(hops.get(Math.max(0, hops.size() - trustedProxyHops)));
    }

    private static String peerOf(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        InetAddress address = remote.getAddress();
        return address != null ? canonical(address) : normalise(remote.getHostString());
    }

    /** An address from a header: an IP literal (with or without port or brackets), or kept as text if not one. */
    static String normalise(String hop) {
        String host = hop;
        if (host.startsWith("[") && host.contains("]")) {
            host = host.substring(1, host.indexOf(']'));
        } else if (host.indexOf(':') == host.lastIndexOf(':') && host.contains(":")) {
            host = host.substring(0, host.indexOf(':'));
        }
        // NetUtil parses literals only; it never resolves a name.
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host);
        if (bytes == null) {
            return host.length() > MAX_LENGTH ? host.substring(0, MAX_LENGTH) : host;
        }
        try {
            return canonical(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return host;
        }
    }

    private static String canonical(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            return NetUtil.bytesToIpAddress(prefix) + "/64";
        }
        return address.getHostAddress();
    }
}
