package com.fruitfulplanet.platform.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Which local addresses have a TCP socket listening on a port, read from the kernel's tables ({@code /proc/net/tcp}
 * and {@code /proc/net/tcp6}, so Linux only). Lets tests prove a server listens on loopback only, and that nothing
 * listens any more after it stopped, whichever process owns the socket.
 */
public final class ListeningSockets {

    private static final Path IPV4_TABLE = Path.of("/proc/net/tcp");
    private static final Path IPV6_TABLE = Path.of("/proc/net/tcp6");
    private static final String LISTEN_STATE = "0A";

    private ListeningSockets() {
    }

    /** The local addresses of all listening TCP sockets on {@code port}; empty when nothing listens there. */
    public static List<InetAddress> on(int port) {
        if (!Files.isReadable(IPV4_TABLE)) {
            throw new IllegalStateException("Cannot read " + IPV4_TABLE + "; listening sockets can only be inspected on Linux");
        }
        List<InetAddress> addresses = new ArrayList<>(parse(read(IPV4_TABLE), port));
        if (Files.isReadable(IPV6_TABLE)) {
            addresses.addAll(parse(read(IPV6_TABLE), port));
        }
        return addresses;
    }

    /** True when something listens on {@code port} and every such socket is bound to 127.0.0.1. */
    public static boolean onlyLoopbackIpv4(int port) {
        List<InetAddress> addresses = on(port);
        return !addresses.isEmpty()
                && addresses.stream().allMatch(a -> a.getHostAddress().equals("127.0.0.1"));
    }

    /** Parses one {@code /proc/net/tcp*} table: a header line, then {@code sl local rem st ...} per socket. */
    static List<InetAddress> parse(List<String> table, int port) {
        List<InetAddress> addresses = new ArrayList<>();
        for (String line : table.subList(Math.min(1, table.size()), table.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 4 || !fields[3].equals(LISTEN_STATE)) {
                continue;
            }
            String[] local = fields[1].split(":");
            if (Integer.parseInt(local[1], 16) == port) {
                addresses.add(address(local[0]));
            }
        }
        return addresses;
    }

    /** The kernel prints the address as 32-bit words in host (little-endian) byte order. */
    private static InetAddress address(String hex) {
        byte[] raw = HexFormat.of().parseHex(hex);
        byte[] bytes = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                bytes[word + i] = raw[word + 3 - i];
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Unexpected address in the kernel's socket table: " + hex, e);
        }
    }

    private static List<String> read(Path table) {
        try {
            return Files.readAllLines(table);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + table, e);
        }
    }
}
