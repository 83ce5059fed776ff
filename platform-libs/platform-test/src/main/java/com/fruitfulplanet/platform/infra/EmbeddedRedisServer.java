package com.fruitfulplanet.platform.infra;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis server (the 6.2 binary shipped in codemonstur's embedded-redis jar) bound to 127.0.0.1 only.
 *
 * <p>We take only the binary from that library and run the process ourselves: we need its process id, its output
 * drained into our log (an unread pipe would eventually block Redis), readiness checked against <em>our</em> process
 * (not a stranger already on the port), and an exit hook that goes away on {@link #close()}.
 *
 * <p>Without a data directory nothing is persisted. With one, Redis keeps an append-only file there, so data
 * survives restarts (devstack).
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisServer.class);

    private static final String HOST = "127.0.0.1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);
    private static final int OUTPUT_LINES_KEPT = 30;
    private static Path executable;

    private final Process process;
    private final int port;
    private final DirectoryLock directoryLock;
    private final ExitHook exitHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedRedisServer(Process process, int port, DirectoryLock directoryLock) {
        this.process = process;
        this.port = port;
        this.directoryLock = directoryLock;
        this.exitHook = ExitHook.register("redis-" + port, this);
    }

    /**
     * Starts a server and returns once it answers.
     *
     * @param dataDirectory where the append-only file is kept across restarts; {@code null} for no persistence
     * @param port          TCP port on 127.0.0.1; 0 for any free one
     */
    public static EmbeddedRedisServer start(Path dataDirectory, int port) {
        int chosenPort = FreePorts.orFree(port);
        DirectoryLock lock = null;
        try {
            List<String> command = new ArrayList<>(List.of(executable().toString(),
                    "--port", Integer.toString(chosenPort),
                    "--bind", HOST,
                    "--protected-mode", "yes",
                    "--daemonize", "no",
                    "--loglevel", "warning"));
            if (dataDirectory == null) {
                command.addAll(List.of("--save", "", "--appendonly", "no",
                        "--dir", System.getProperty("java.io.tmpdir")));
            } else {
                Path directory = Files.createDirectories(dataDirectory.toAbsolutePath());
                lock = DirectoryLock.acquire(directory.resolve("redis.lock"));
                ServerProcesses.stopOrphan(directory.resolve("redis.pid"), "redis-server", "TERM");
                command.addAll(List.of("--dir", directory.toString(), "--appendonly", "yes",
                        "--pidfile", directory.resolve("redis.pid").toString()));
            }
            requireFree(chosenPort);
            Process process = ServerProcesses.start(new ProcessBuilder(command).redirectErrorStream(true));
            Deque<String> output = drain(process, chosenPort);
            awaitReady(process, chosenPort, output);
            log.info("Redis listening on {}:{} (pid {}, {})", HOST, chosenPort, process.pid(),
                    dataDirectory == null ? "not persisted" : "persisted in " + dataDirectory);
            return new EmbeddedRedisServer(process, chosenPort, lock);
        } catch (IOException | RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            throw new IllegalStateException("Could not start Redis on " + HOST + ":" + chosenPort + ": "
                    + e.getMessage(), e);
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the server (SIGTERM: Redis flushes its append-only file) and returns once the process is gone. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        exitHook.unregister();
        process.destroy();
        ServerProcesses.awaitExit(process.toHandle());
        if (directoryLock != null) {
            directoryLock.close();
        }
        log.info("Redis on port {} stopped", port);
    }

    /** The binary is copied out of the jar once per JVM. */
    private static synchronized Path executable() throws IOException {
        if (executable == null) {
            executable = ExecutableProvider.newJarResourceProvider().get().toPath();
        }
        return executable;
    }

    private static void requireFree(int port) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(HOST, port));
        } catch (IOException e) {
            throw new IOException("port " + port + " is already in use", e);
        }
    }

    /** Logs Redis' output (warnings and worse) and keeps the last lines for error messages. */
    private static Deque<String> drain(Process process, int port) {
        Deque<String> lastLines = new ArrayDeque<>();
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = process.inputReader(StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    log.info("redis-{}: {}", port, line);
                    synchronized (lastLines) {
                        if (lastLines.size() == OUTPUT_LINES_KEPT) {
                            lastLines.removeFirst();
                        }
                        lastLines.addLast(line);
                    }
                }
            } catch (IOException ignored) {
                // The process is gone; so is its output.
            }
        }, "redis-" + port + "-output");
        thread.setDaemon(true);
        thread.start();
        return lastLines;
    }

    /** Ready when Redis on the port answers and reports our process id: a stranger on the port does not count. */
    private static void awaitReady(Process process, int port, Deque<String> output) throws IOException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + "; output: " + lines(output));
            }
            if (serverInfo(port).contains("process_id:" + process.pid())) {
                return;
            }
            sleep(Duration.ofMillis(50));
        }
        process.destroyForcibly();
        throw new IOException("redis-server did not answer within " + STARTUP_TIMEOUT + "; output: " + lines(output));
    }

    /** {@code INFO server} as an inline command, or "" while nothing answers. */
    private static String serverInfo(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("INFO server\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String header = readLine(in);
            if (!header.startsWith("$")) {
                return "";
            }
            byte[] body = new byte[Integer.parseInt(header.substring(1))];
            in.readFully(body);
            return new String(body, StandardCharsets.UTF_8);
        } catch (IOException | NumberFormatException notYet) {
            return "";
        }
    }

    /** One RESP header line, read byte by byte so the body after it stays in the stream. */
    private static String readLine(DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static String lines(Deque<String> output) {
        synchronized (output) {
            return output.isEmpty() ? "(none)" : String.join(" | ", output);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Redis", e);
        }
    }
}
