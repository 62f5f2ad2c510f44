package dev.pidgr.gateway.push;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's variables ({@code PIDGR_APNS_*}, {@code PIDGR_FCM_*}, {@code PIDGR_WEBPUSH_*}, docs/channels.md),
 * read from one map (the process environment in production, a literal map in tests). A wrong value fails at
 * start with the variable's name, never its value.
 */
public record Variables(Map<String, String> values) {

    /** The names only: the values are the process environment, secrets among them. */
    @Override
    public String toString() {
        return "Variables" + values.keySet();
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalArgumentException(name + " is required"));
    }

    public Optional<Path> file(String name) {
        return optional(name).map(Path::of);
    }

    public int positive(String name, int fallback) {
        Optional<String> raw = optional(name);
        try {
            int value = raw.map(Integer::parseInt).orElse(fallback);
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive integer", e);
        }
    }

    /** A duration in ISO-8601 ({@code PT10S}) or whole seconds ({@code 10}). */
    public Duration duration(String name, Duration fallback) {
        Optional<String> raw = optional(name);
        try {
            return raw.map(v -> v.chars().allMatch(Character::isDigit)
                            ? Duration.ofSeconds(Long.parseLong(v)) : Duration.parse(v))
                    .orElse(fallback);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be a duration (PT10S or seconds)", e);
        }
    }

    /** A secret from {@code NAME} or, when unset, from the file named by {@code NAME_FILE} (trimmed). */
    public Optional<Secret> secret(String name) {
        Optional<String> direct = optional(name);
        if (direct.isPresent()) {
            return direct.map(Secret::new);
        }
        return file(name + "_FILE").map(path -> {
            try {
                return new Secret(Files.readString(path).strip());
            } catch (IOException e) {
                throw new UncheckedIOException(name + "_FILE cannot be read", e);
            }
        });
    }
}
