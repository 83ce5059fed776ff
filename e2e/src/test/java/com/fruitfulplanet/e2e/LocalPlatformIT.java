package com.fruitfulplanet.e2e;

import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.e2e.LocalDevStack.RecordedPid;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the whole local platform exactly as the README tells a newcomer to ({@code ./devstack up} from the repository
 * root), checks it through the gateway, checks that everything it started listens on loopback only, stops it with
 * {@code ./devstack stop} and checks that nothing is left running or listening. It does so twice, on fresh data
 * (cold) and on the data the first run left (warm), and reports both start times.
 */
@Order(1) // before EdgeSecurityIT, see junit-platform.properties
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPlatformIT {

    private static final Duration CLASS_DATA_TIMEOUT = Duration.ofSeconds(120);

    private static final Path TARGET = LocalDevStack.TARGET;
    private static final Path HOME = LocalDevStack.HOME;
    private static final Path RUN = LocalDevStack.RUN;
    private static final Map<String, Duration> START_TIMES = new LinkedHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final URI PLATFORM_READINESS =
            URI.create("http://127.0.0.1:" + PlatformService.GATEWAY.port() + "/api/health/readiness");

    private static LocalDevStack devstack;
    /** Every process devstack recorded while running, so @AfterAll can stop them by PID whatever happened. */
    private static final List<RecordedPid> started = new ArrayList<>();

    @BeforeAll
    static void startFromScratch() throws IOException {
        LocalDevStack.stopLeftoversOfAnEarlierRun();
        LocalDevStack.deleteRecursively(HOME);
        Files.createDirectories(TARGET);
    }

    @Test
    @Order(1)
    void coldStartOnFreshData() throws Exception {
        startCheckAndStop("cold");
    }

    @Test
    @Order(2)
    void warmStartReusesTheData() throws Exception {
        assertThat(HOME.resolve("data/postgres")).isNotEmptyDirectory();
        startCheckAndStop("warm");
    }

    private void startCheckAndStop(String run) throws Exception {
        LocalDevStack.stopByPid(started); // what an earlier, failed run of this class left running
        Instant launched = Instant.now();
        devstack = LocalDevStack.up(run, Map.of());

        String readyLine = devstack.awaitReady();
        Duration startTime = Duration.between(launched, Instant.now());
        START_TIMES.put(run, startTime);
        System.out.printf("%ndevstack %s start: %.1f s until ready (devstack says: %s)%n",
                run, startTime.toMillis() / 1000.0, readyLine.strip());

        List<RecordedPid> processes = LocalDevStack.recordedProcesses();
        started.addAll(processes);
        assertThat(processes).extracting(RecordedPid::name)
                .contains("devstack", "postgres", "redis")
                .contains(applicationNames(PlatformService.values()));

        assertGatewayReportsEveryBackendHealthy();
        Set<Integer> ports = assertListeningOnLoopbackOnly(processes);
        if (run.equals("cold")) {
            // Like a developer who works a while before stopping: the warm start then runs as it does for them.
            awaitClassDataSaved();
        }

        stopWithDevStackStop();
        for (RecordedPid process : processes) {
            assertThat(process.isAlive()).as("%s still running after stop", process).isFalse();
        }
        assertThat(listeningSockets().stream().map(Socket::port).filter(ports::contains).toList())
                .as("ports still listening after stop").isEmpty();
        assertThat(RUN).isEmptyDirectory();
    }

    private static void assertGatewayReportsEveryBackendHealthy() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(PLATFORM_READINESS).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(response.body(), "$.status")).isEqualTo("ready");
        Map<String, Object> checks = JsonPath.read(response.body(), "$.checks");
        assertThat(checks).as("checks").containsKeys(applicationNames(PlatformService.backends()));
        checks.forEach((name, check) -> assertThat(checkStatus(check)).as("check %s", name).isEqualTo("healthy"));
    }

    /** A check is either {@code "healthy"} or an object with a {@code status}. */
    private static Object checkStatus(Object check) {
        return check instanceof Map<?, ?> details ? details.get("status") : check;
    }

    /**
     * Every listening socket of every process devstack started, found through the socket inodes in /proc/<pid>/fd,
     * must be bound to loopback; and every service port must be among them. Returns the ports, to check after stop.
     */
    private static Set<Integer> assertListeningOnLoopbackOnly(List<RecordedPid> processes) throws IOException {
        Set<Long> inodes = new TreeSet<>();
        for (RecordedPid process : processes) {
            inodes.addAll(socketInodes(process.pid()));
        }
        List<Socket> ours = listeningSockets().stream().filter(socket -> inodes.contains(socket.inode())).toList();
        System.out.println("listening: " + ours.stream().map(Socket::toString).sorted()
                .collect(Collectors.joining(", ")));

        assertThat(ours).allSatisfy(socket -> assertThat(socket.isLoopback())
                .as("%s is bound to loopback", socket).isTrue());
        Set<Integer> ports = ours.stream().map(Socket::port).collect(Collectors.toCollection(TreeSet::new));
        for (PlatformService service : PlatformService.values()) {
            assertThat(ports).contains(service.port(), service.managementPort());
        }
        // The same for anyone on the service ports, whoever owns the socket.
        assertThat(listeningSockets()).filteredOn(socket -> ports.contains(socket.port()))
                .allSatisfy(socket -> assertThat(socket.isLoopback()).as("%s is bound to loopback", socket).isTrue());
        return ports;
    }

    private static void stopWithDevStackStop() throws Exception {
        Process stop = LocalDevStack.command("stop").redirectErrorStream(true).start();
        String output = new String(stop.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(stop.waitFor(LocalDevStack.STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .as("./devstack stop returns").isTrue();
        assertThat(stop.exitValue()).as(output).isZero();
        assertThat(devstack.process().waitFor(30, TimeUnit.SECONDS)).as("devstack up exits after stop").isTrue();
        assertThat(devstack.process().exitValue()).as("exit code of devstack up").isZero();
    }

    @AfterAll
    static void stopEverythingWhateverHappened() throws Exception {
        try {
            if (devstack != null) {
                devstack.stopWhateverHappened(started);
            } else {
                LocalDevStack.stopRecorded(started);
            }
        } finally {
            START_TIMES.forEach((run, time) ->
                    System.out.printf("devstack %s start: %.1f s%n", run, time.toMillis() / 1000.0));
            Path summaryFile = TARGET.resolve("devstack-start-times.txt");
            try (PrintWriter summary = new PrintWriter(Files.newBufferedWriter(summaryFile))) {
                START_TIMES.forEach((run, time) -> summary.printf("%s %.1f s%n", run, time.toMillis() / 1000.0));
            }
        }
    }

    private static void awaitClassDataSaved() throws InterruptedException {
        // An optimisation only (it needs jcmd, i.e. a JDK): the warm start is then merely slower.
        System.out.println("class data: " + devstack.awaitClassDataSaved(CLASS_DATA_TIMEOUT).map(String::strip)
                .orElse("not saved within " + CLASS_DATA_TIMEOUT.toSeconds() + " s"));
    }

    // ---- sockets, from /proc -----------------------------------------------------------------------------------

    private record Socket(byte[] address, int port, long inode) {

        /** 127.0.0.0/8, ::1, or 127.x mapped into IPv6 (::ffff:127.0.0.1, how Java binds 127.0.0.1 on a dual stack). */
        boolean isLoopback() {
            try {
                // getByAddress turns an IPv4-mapped IPv6 address into the IPv4 address.
                return InetAddress.getByAddress(address).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(address).getHostAddress() + ":" + port;
            } catch (UnknownHostException e) {
                return "?:" + port;
            }
        }
    }

    private static final String LISTEN = "0A";

    /** The TCP sockets in LISTEN state, IPv4 and IPv6. */
    private static List<Socket> listeningSockets() throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals(LISTEN)) {
                    String[] local = fields[1].split(":");
                    int port = Integer.parseInt(local[1], 16);
                    sockets.add(new Socket(procAddress(local[0]), port, Long.parseLong(fields[9])));
                }
            }
        }
        return sockets;
    }

    /** /proc/net prints addresses as 32-bit words in host (little-endian) byte order. */
    private static byte[] procAddress(String hex) {
        byte[] address = new byte[hex.length() / 2];
        for (int word = 0; word < address.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = (word * 4 + (3 - i)) * 2;
                address[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return address;
    }

    private static Set<Long> socketInodes(long pid) {
        Set<Long> inodes = new TreeSet<>();
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path descriptor : descriptors) {
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring("socket:[".length(), target.length() - 1)));
                    }
                } catch (IOException e) {
                    // closed while we looked
                }
            }
        } catch (IOException e) {
            // the process is gone; it listens on nothing
        }
        return inodes;
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static String[] applicationNames(PlatformService[] services) {
        return Arrays.stream(services).map(PlatformService::applicationName).toArray(String[]::new);
    }
}
