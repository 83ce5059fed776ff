package com.fruitfulplanet.gateway.ratelimit;

import com.fruitfulplanet.platform.test.security.TestTokens;
import com.fruitfulplanet.contracts.platform.PlatformService;
import com.fruitfulplanet.gateway.StubBackend;
import com.fruitfulplanet.gateway.TestBackends;
import com.fruitfulplanet.platform.test.PlatformIntegrationTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Redis hangs: its port accepts connections and then never says a word (a stuck server, a black-holing network),
 * the case where only the gateway's own timeout stands between a client and an endless wait.
 */
@PlatformIntegrationTest
@AutoConfigureWebTestClient
class RedisUnresponsiveIT extends RedisUnavailableContract {

    static final Map<PlatformService, StubBackend> BACKENDS = TestBackends.start();
    static final TestTokens TOKENS = new TestTokens();

    static final ServerSocket SILENT = silentServer();
    static final List<Socket> HELD = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void redisHangs(DynamicPropertyRegistry registry) {
        properties(registry, BACKENDS, TOKENS, SILENT.getLocalPort());
    }

    @AfterAll
    static void stop() throws IOException {
        BACKENDS.values().forEach(StubBackend::stop);
        TOKENS.stop();
        SILENT.close();
        for (Socket socket : HELD) {
            socket.close();
        }
    }

    private static ServerSocket silentServer() {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        HELD.add(server.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-redis");
            acceptor.setDaemon(true);
            acceptor.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    TestTokens tokens() {
        return TOKENS;
    }
}
