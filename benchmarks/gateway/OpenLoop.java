import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * A constant-rate (open-loop) HTTP/1.1 load generator for the gateway benchmark (benchmarks/gateway/run.sh), in the
 * manner of wrk2, which Debian does not package: Debian's wrk is closed-loop only, and hey throttles per worker but
 * skips the requests a slow answer held up, so neither reports the latency of a fixed arrival rate.
 *
 * <p>Request {@code i} is due at {@code start + i / rate}. The requests are dealt round-robin to a fixed set of
 * keep-alive connections, each one a thread that sends its next request when it is due, or at once if an earlier
 * answer made it late. A request's latency is counted from when it was <em>due</em>, not from when it was sent, so
 * a stall shows in every request it delayed (no coordinated omission). The time from sending is reported as well
 * ("service time").
 *
 * <p>Usage: {@code java OpenLoop.java <url> <rate/s> <seconds> <connections> [<warm-up seconds>]
 * [-H 'Name: value']...}. The warm-up runs at the same rate and is not recorded. Prints one line of
 * {@code key=value} pairs: the achieved rate, errors (connection failures and non-2xx answers) and the percentiles
 * in milliseconds.
 */
public final class OpenLoop {

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-H")) {
                headers.add(args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
        if (positional.size() < 4) {
            System.err.println("usage: OpenLoop <url> <rate/s> <seconds> <connections> [<warm-up seconds>] "
                    + "[-H 'Name: value']...");
            System.exit(2);
        }
        URI url = URI.create(positional.get(0));
        double rate = Double.parseDouble(positional.get(1));
        double seconds = Double.parseDouble(positional.get(2));
        int connections = Integer.parseInt(positional.get(3));
        double warmUp = positional.size() > 4 ? Double.parseDouble(positional.get(4)) : 0;

        String host = url.getHost();
        int port = url.getPort() > 0 ? url.getPort() : 80;
        String path = url.getRawPath() + (url.getRawQuery() != null ? "?" + url.getRawQuery() : "");
        StringBuilder request = new StringBuilder()
                .append("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("User-Agent: fruitfulplanet-openloop\r\n")
                .append("Accept: */*\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        byte[] requestBytes = request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);

        long interval = Math.round(1e9 / rate);
        long warmUpCount = Math.round(warmUp * rate);
        long total = warmUpCount + Math.round(seconds * rate);
        Worker[] workers = new Worker[connections];
        // Starts a little ahead, so that every connection is open before the first request is due.
        long start = System.nanoTime() + 200_000_000L;
        for (int k = 0; k < connections; k++) {
            workers[k] = new Worker(new InetSocketAddress(host, port), requestBytes, start, interval, k, connections,
                    warmUpCount, total);
        }
        for (Worker worker : workers) {
            worker.thread.start();
        }
        for (Worker worker : workers) {
            worker.thread.join();
        }
        long measuredFrom = start + warmUpCount * interval;
        long end = Arrays.stream(workers).mapToLong(w -> w.lastEnd).max().orElse(measuredFrom);

        long[] latency = merge(workers, true);
        long[] service = merge(workers, false);
        long errors = Arrays.stream(workers).mapToLong(w -> w.errors).sum();
        double elapsed = (end - measuredFrom) / 1e9;
        System.out.printf(Locale.ROOT,
                "target_rate=%.0f achieved_rate=%.0f requests=%d errors=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f "
                        + "p999_ms=%.3f max_ms=%.3f service_p50_ms=%.3f service_p99_ms=%.3f%n",
                rate, latency.length / elapsed, latency.length, errors, ms(latency, 0.50), ms(latency, 0.90),
                ms(latency, 0.99), ms(latency, 0.999), ms(latency, 1.0), ms(service, 0.50), ms(service, 0.99));
        if (Arrays.stream(workers).anyMatch(w -> w.failure != null)) {
            Arrays.stream(workers).filter(w -> w.failure != null).findFirst()
                    .ifPresent(w -> System.err.println("first error: " + w.failure));
        }
    }

    private static long[] merge(Worker[] workers, boolean fromDue) {
        int size = Arrays.stream(workers).mapToInt(w -> w.recorded).sum();
        long[] all = new long[size];
        int at = 0;
        for (Worker worker : workers) {
            System.arraycopy(fromDue ? worker.latencies : worker.serviceTimes, 0, all, at, worker.recorded);
            at += worker.recorded;
        }
        Arrays.sort(all);
        return all;
    }

    /** The nearest-rank percentile, in milliseconds. */
    private static double ms(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    /** One keep-alive connection and the requests dealt to it: numbers k, k + n, k + 2n, ... */
    private static final class Worker implements Runnable {

        final Thread thread;
        final InetSocketAddress address;
        final byte[] request;
        final long start;
        final long interval;
        final int first;
        final int step;
        final long warmUpCount;
        final long total;
        final long[] latencies;
        final long[] serviceTimes;
        int recorded;
        long errors;
        long lastEnd;
        String failure;

        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private final byte[] line = new byte[8192];

        Worker(InetSocketAddress address, byte[] request, long start, long interval, int first, int step,
               long warmUpCount, long total) {
            this.address = address;
            this.request = request;
            this.start = start;
            this.interval = interval;
            this.first = first;
            this.step = step;
            this.warmUpCount = warmUpCount;
            this.total = total;
            int capacity = (int) ((total - warmUpCount) / step + 2);
            this.latencies = new long[capacity];
            this.serviceTimes = new long[capacity];
            this.thread = new Thread(this, "openloop-" + first);
        }

        @Override
        public void run() {
            try {
                connect();
            } catch (IOException e) {
                failure = e.toString();
            }
            for (long i = first; i < total; i += step) {
                long due = start + i * interval;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                long sent = System.nanoTime();
                boolean ok;
                try {
                    if (socket == null) {
                        connect();
                    }
                    ok = exchange();
                } catch (IOException e) {
                    ok = false;
                    failure = e.toString();
                    close();
                }
                long end = System.nanoTime();
                if (i >= warmUpCount) {
                    if (ok) {
                        latencies[recorded] = end - due;
                        serviceTimes[recorded] = end - sent;
                        recorded++;
                    } else {
                        errors++;
                    }
                    lastEnd = end;
                }
            }
            close();
        }

        private void connect() throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.connect(address, 2000);
            s.setSoTimeout(10_000);
            socket = s;
            in = new BufferedInputStream(s.getInputStream(), 16384);
            out = s.getOutputStream();
        }

        private void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }

        /** Sends the request and reads the whole answer; true for a 2xx. */
        private boolean exchange() throws IOException {
            out.write(request);
            out.flush();
            String status = readLine();
            int code = Integer.parseInt(status.substring(9, 12));
            long contentLength = -1;
            boolean chunked = false;
            boolean closeAfter = false;
            String header;
            while (!(header = readLine()).isEmpty()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                    default -> {
                    }
                }
            }
            if (chunked) {
                long size;
                while ((size = Long.parseLong(readLine().split(";", 2)[0].trim(), 16)) > 0) {
                    skip(size);
                    readLine();
                }
                while (!readLine().isEmpty()) {
                    // trailers
                }
            } else if (contentLength > 0) {
                skip(contentLength);
            } else if (contentLength < 0 && code != 204 && code != 304) {
                throw new IOException("answer without length (status " + code + ")");
            }
            if (closeAfter) {
                close();
            }
            return code >= 200 && code < 300;
        }

        private void skip(long bytes) throws IOException {
            long left = bytes;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("connection closed in a body");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        private String readLine() throws IOException {
            int length = 0;
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new EOFException("connection closed");
                }
                if (b != '\r' && length < line.length) {
                    line[length++] = (byte) b;
                }
            }
            return new String(line, 0, length, StandardCharsets.ISO_8859_1);
        }
    }

    private OpenLoop() {
    }
}
