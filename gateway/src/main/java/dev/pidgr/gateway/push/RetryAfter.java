package dev.pidgr.gateway.push;

import java.time.Duration;
import java.util.Optional;

/** A provider's {@code Retry-After} header in delta-seconds; an HTTP-date or garbage counts as absent. */
public final class RetryAfter {

    private RetryAfter() {}

    public static Optional<Duration> parse(Optional<String> header) {
        return header.map(String::strip)
                .filter(v -> !v.isEmpty() && v.length() < 10 && v.chars().allMatch(Character::isDigit))
                .map(v -> Duration.ofSeconds(Long.parseLong(v)));
    }
}
