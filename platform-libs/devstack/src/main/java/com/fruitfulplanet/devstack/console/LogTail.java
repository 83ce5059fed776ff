package com.fruitfulplanet.devstack.console;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The last lines of a log, read backwards from the end: service logs (with stack traces) can be large, and when a
 * service fails only its end matters.
 */
public final class LogTail {

    private static final int CHUNK = 8192;
    /** Enough for any sane number of lines; protects against a file that is one enormous line. */
    private static final long MAX_BYTES = 1024 * 1024;

    public static List<String> lastLines(Path file, int count) {
        if (count <= 0 || !Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            long end = log.length();
            long start = end;
            int newlines = 0;
            Deque<byte[]> chunks = new ArrayDeque<>();
            // One newline more than lines wanted, because the file usually ends with one.
            while (start > 0 && newlines <= count && end - start < MAX_BYTES) {
                int size = (int) Math.min(CHUNK, start);
                start -= size;
                byte[] chunk = new byte[size];
                log.seek(start);
                log.readFully(chunk);
                chunks.addFirst(chunk);
                for (byte b : chunk) {
                    if (b == '\n') {
                        newlines++;
                    }
                }
            }
            return lastLines(decode(chunks), count);
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }

    private static String decode(Deque<byte[]> chunks) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(chunks.stream().mapToInt(chunk -> chunk.length).sum());
        chunks.forEach(bytes::put);
        bytes.flip();
        // A chunk boundary may cut a multi-byte character in two; replace it rather than fail.
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(bytes)
                .toString();
    }

    private static List<String> lastLines(String text, int count) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
        if (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    private LogTail() {
    }
}
