package dev.pidgr.bench.dev;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The ERROR lines of the dev server's log (its own, the broker's and the processors': one logback
 * pattern, the level after the time). A clean run logs none (issue 13's sixth target).
 */
public final class LogErrors {

    private static final int KEPT = 20;

    /** How many ERROR lines, and the first of them. */
    public record Found(long count, List<String> first) {
    }

    private LogErrors() {
    }

    public static Found in(Path log) throws IOException {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return in(lines.toList());
        }
    }

    static Found in(List<String> lines) {
        List<String> errors = lines.stream().filter(LogErrors::isError).toList();
        return new Found(errors.size(), errors.subList(0, Math.min(KEPT, errors.size())));
    }

    /** {@code HH:mm:ss.SSS ERROR logger - message}: the level is the second field. */
    private static boolean isError(String line) {
        String[] fields = line.split("\\s+", 3);
        return fields.length >= 2 && fields[1].equals("ERROR");
    }
}
