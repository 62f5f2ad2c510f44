package dev.pidgr.api.grpc;

import io.grpc.Metadata;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Reads the client's {@code grpc-timeout} header; a call without one gets API.md's default of 10 s. */
final class CallDeadlines {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final Metadata.Key<String> GRPC_TIMEOUT = Metadata.Key.of("grpc-timeout", Metadata.ASCII_STRING_MARSHALLER);

    private CallDeadlines() {
    }

    static Instant deadline(Metadata headers, Instant now) {
        return parse(headers.get(GRPC_TIMEOUT)).map(now::plus).orElse(now.plus(DEFAULT_TIMEOUT));
    }

    /** The gRPC wire format: up to 8 digits and a unit (H, M, S, m, u, n). */
    static Optional<Duration> parse(String value) {
        if (value == null || value.length() < 2 || value.length() > 9) {
            return Optional.empty();
        }
        long amount;
        try {
            amount = Long.parseLong(value.substring(0, value.length() - 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (amount < 0) {
            return Optional.empty();
        }
        return switch (value.charAt(value.length() - 1)) {
            case 'H' -> Optional.of(Duration.ofHours(amount));
            case 'M' -> Optional.of(Duration.ofMinutes(amount));
            case 'S' -> Optional.of(Duration.ofSeconds(amount));
            case 'm' -> Optional.of(Duration.ofMillis(amount));
            case 'u' -> Optional.of(Duration.ofNanos(amount * 1_000));
            case 'n' -> Optional.of(Duration.ofNanos(amount));
            default -> Optional.empty();
        };
    }
}
