package dev.pidgr.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class path {@code pidgr serve} runs with in production: the app's classes and its runtime
 * dependencies, i.e. what {@code target/lib} holds (the build writes the list to the file named by
 * {@code pidgr.runtime.classpath.file}). Unlike the test class path it lacks the embedded broker and
 * database, which only {@code pidgr dev} adds.
 */
final class ProductionClassPath {

    private ProductionClassPath() {
    }

    /** The entries: the app's classes first, then every runtime dependency. */
    static List<String> entries() {
        List<String> entries = new ArrayList<>();
        entries.add(property("pidgr.app.classes"));
        String dependencies = read(Path.of(property("pidgr.runtime.classpath.file")));
        for (String entry : dependencies.strip().split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** The entries joined for {@code java -cp}. */
    static String joined() {
        return String.join(java.io.File.pathSeparator, entries());
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    "system property " + name + " is not set: run the tests with Maven (app/pom.xml sets it)");
        }
        return value;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
