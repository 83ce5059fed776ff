package com.fruitfulplanet.devstack.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LogTailTest {

    @TempDir
    Path directory;

    @Test
    void lastLinesOfALogLargerThanOneReadChunk() throws IOException {
        Path log = directory.resolve("order-service.log");
        List<String> lines = IntStream.range(0, 5000).mapToObj(i -> "line " + i + " " + "x".repeat(i % 200)).toList();
        Files.write(log, lines);

        assertThat(LogTail.lastLines(log, 40)).isEqualTo(lines.subList(4960, 5000));
    }

    @Test
    void allLinesOfAShortLogWithoutTrailingNewline() throws IOException {
        Path log = directory.resolve("short.log");
        Files.writeString(log, "first\r\nsecond\nthird");

        assertThat(LogTail.lastLines(log, 40)).containsExactly("first", "second", "third");
    }

    @Test
    void keepsEmptyLinesInsideTheTail() throws IOException {
        Path log = directory.resolve("blank.log");
        Files.writeString(log, "a\n\nb\n");

        assertThat(LogTail.lastLines(log, 2)).containsExactly("", "b");
    }

    @Test
    void multiByteCharactersSurviveChunkBoundaries() throws IOException {
        Path log = directory.resolve("utf8.log");
        String cyrillic = "Заказ оплачен ".repeat(1000);
        Files.writeString(log, "head\n" + cyrillic + "\nlast\n", StandardCharsets.UTF_8);

        assertThat(LogTail.lastLines(log, 2)).containsExactly(cyrillic, "last");
    }

    @Test
    void nothingForAMissingOrEmptyLog() throws IOException {
        Path empty = Files.createFile(directory.resolve("empty.log"));

        assertThat(LogTail.lastLines(directory.resolve("missing.log"), 40)).isEmpty();
        assertThat(LogTail.lastLines(empty, 40)).isEmpty();
    }
}
