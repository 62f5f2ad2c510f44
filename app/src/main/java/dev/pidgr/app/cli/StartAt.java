package dev.pidgr.app.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code campaign start --at}: an ISO-8601 instant ({@code 2026-12-24T08:00:00Z}) or a time relative to now
 * ({@code +90s}, {@code +10m}, {@code +2h}, {@code +1d}, or an ISO-8601 duration such as {@code +PT1H30M}). The
 * server checks the bounds (1 minute to 365 days ahead) when the call arrives, so a time from now gets {@link
 * #CALL_ALLOWANCE} more, cut to the whole second (1 to 2 s in all): {@code +1m} is still a minute ahead there.
 */
final class StartAt {

    /** Time for the call to reach the server (a fresh CLI's channel and first call take up to about a second). */
    static final Duration CALL_ALLOWANCE = Duration.ofSeconds(2);

    private static final Pattern RELATIVE = Pattern.compile("\\+(\\d{1,9})([smhd])");

    private StartAt() {
    }

    /** The instant {@code text} means, {@code now} being the time it is relative to. */
    static Instant parse(String text, Instant now) {
        String t = text.strip();
        Matcher m = RELATIVE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return fromNow(now, switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        try {
            return t.startsWith("+") ? fromNow(now, Duration.parse(t.substring(1))) : Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--at must be an ISO-8601 instant (2026-12-24T08:00:00Z) or a time"
                    + " from now (+90s, +10m, +2h, +1d, +PT1H30M); got '" + text + "'");
        }
    }

    private static Instant fromNow(Instant now, Duration ahead) {
        return now.plus(ahead).plus(CALL_ALLOWANCE).truncatedTo(ChronoUnit.SECONDS);
    }
}
