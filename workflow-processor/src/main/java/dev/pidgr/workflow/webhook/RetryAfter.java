package dev.pidgr.workflow.webhook;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * Reads a {@code Retry-After} header (RFC 9110, 10.2.3): a number of seconds, or an HTTP-date
 * (IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT"). Pure: the current time comes in.
 */
final class RetryAfter {

    private RetryAfter() {
    }

    /** The wait the header asks for, in milliseconds (0 for a date in the past), or empty when absent or unreadable. */
    static OptionalLong millis(String header, long nowMillis) {
        if (header == null || header.isBlank()) {
            return OptionalLong.empty();
        }
        String value = header.strip();
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // More than 9 digits is more than 31 years: a cap applies long before, so no overflow to fear.
            return OptionalLong.of(value.length() > 9 ? Long.MAX_VALUE : Long.parseLong(value) * 1000);
        }
        try {
            long at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            return OptionalLong.of(Math.max(0, at - nowMillis));
        } catch (DateTimeParseException e) {
            return OptionalLong.empty();
        }
    }
}
