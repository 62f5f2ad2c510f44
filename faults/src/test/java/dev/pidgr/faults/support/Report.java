package dev.pidgr.faults.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * What a fault test measured (sizes, counts, times), one line per fact, in
 * {@code target/fault-results.txt} and on standard output: docs/reliability.md quotes it.
 */
public final class Report {

    private static final Path FILE = Path.of("target", "fault-results.txt");

    private Report() {
    }

    public static synchronized void line(String test, String format, Object... args) {
        String line = Instant.now() + " [" + Profile.name() + "] " + test + ": " + String.format(format, args);
        System.out.println(line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("(could not write " + FILE + ": " + e + ")");
        }
    }
}
