package dev.pidgr.app.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code campaign start --at}: an ISO-8601 instant ({@code 2026-12-24T08:00:00Z}) or a time relative to now
 * ({@code +90s}, {@code +10m}, {@code +2h}, {@code +1d}, or an ISO-8601 duration such as {@code +PT1H30M}). The
 * server checks the bounds (1 minute to 365 days ahead); this only reads what was meant.
 */
final class StartAt {

    private static final Pattern RELATIVE = Pattern.compile("\\+(\\d{1,9})([smhd])");

    private StartAt() {
    }

    /** The instant {@code text} means, {@code now} being the time it is relative to. */
    static Instant parse(String text, Instant now) {
        String t = text.strip();
        Matcher m = RELATIVE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return now.plus(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        try {
            return t.startsWith("+") ? now.plus(Duration.parse(t.substring(1))) : Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--at must be an ISO-8601 instant (2026-12-24T08:00:00Z) or a time"
                    + " from now (+90s, +10m, +2h, +1d, +PT1H30M); got '" + text + "'");
        }
    }
}
