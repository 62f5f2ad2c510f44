package dev.pidgr.contract;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two duration syntaxes of the workflow contract: Go-style for DEADLINE_CHECK delays ("72h",
 * "1h30m") and ISO-8601 for SEND_REMINDER repeat and due_time ("PT4H"), with their allowed ranges.
 */
public final class Durations {

    public static final Duration DEADLINE_MIN = Duration.ofMinutes(1);
    public static final Duration DEADLINE_MAX = Duration.ofHours(8760);
    public static final Duration REMINDER_MIN = Duration.ofMinutes(1);
    public static final Duration REMINDER_MAX = Duration.ofHours(168);

    private static final Pattern GO_WHOLE = Pattern.compile("^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$");
    private static final Pattern GO_PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");
    private static final Pattern ISO_TIME_ONLY = Pattern.compile("^PT(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+S)?$");

    private Durations() {
    }

    /** Parses a Go-style duration ("90m", "1h30m", "1.5h"); empty when malformed. */
    public static Optional<Duration> parseGo(String text) {
        if (text == null || !GO_WHOLE.matcher(text).matches()) {
            return Optional.empty();
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher part = GO_PART.matcher(text);
        while (part.find()) {
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(nanosPer(part.group(2)))));
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(nanos.longValue()));
    }

    /** Parses an ISO-8601 time-based duration ("PT1M", "PT168H", "PT1H30M"); empty when malformed. */
    public static Optional<Duration> parseIso(String text) {
        if (text == null || !ISO_TIME_ONLY.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.parse(text));
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code value} lies in {@code [min, max]}. */
    public static boolean within(Duration value, Duration min, Duration max) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }

    private static long nanosPer(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalArgumentException("unit " + unit);
        };
    }
}
