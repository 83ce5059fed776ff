package com.fruitfulplanet.contracts.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The golden files under {@code src/test/resources/golden}: the wire format as committed, checked both ways. */
final class GoldenFiles {

    static final String EVENTS = "golden/events/";
    static final String ENVELOPE = "golden/envelope/";

    /** The golden data JSON of an event type. */
    static byte[] event(EventType<?> type) {
        return read(EVENTS + type.name() + ".json");
    }

    /** Whether the event type has a golden data file. */
    static boolean hasEvent(EventType<?> type) {
        return GoldenFiles.class.getClassLoader().getResource(EVENTS + type.name() + ".json") != null;
    }

    /** The names of the files in the golden events folder. */
    static List<String> eventFileNames() {
        URL folder = GoldenFiles.class.getClassLoader().getResource(EVENTS);
        if (folder == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("Cannot list " + folder, e);
        }
    }

    static byte[] read(String resource) {
        try (InputStream in = GoldenFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No golden file " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private GoldenFiles() {
    }
}
