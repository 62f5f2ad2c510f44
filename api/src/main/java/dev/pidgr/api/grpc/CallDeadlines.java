package dev.pidgr.api.grpc;

import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.TemplateServiceGrpc;
import io.grpc.Metadata;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A call's deadline: the client's {@code grpc-timeout}, or docs/api.md's 10 s ("Deadlines") without one, and never
 * further than the server allows (mutations 60 s, other calls 10 s by default): a client asking for
 * hours cannot keep work alive that long.
 */
public final class CallDeadlines {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final Metadata.Key<String> GRPC_TIMEOUT = Metadata.Key.of("grpc-timeout", Metadata.ASCII_STRING_MARSHALLER);
    /** The RPCs that send a command and wait for its result. */
    static final Set<String> MUTATIONS = Set.of(
            CampaignServiceGrpc.getCreateCampaignMethod().getFullMethodName(),
            CampaignServiceGrpc.getStartCampaignMethod().getFullMethodName(),
            CampaignServiceGrpc.getUpdateCampaignMethod().getFullMethodName(),
            CampaignServiceGrpc.getCancelCampaignMethod().getFullMethodName(),
            TemplateServiceGrpc.getCreateTemplateMethod().getFullMethodName(),
            TemplateServiceGrpc.getUpdateTemplateMethod().getFullMethodName());

    private final Duration maxMutation;
    private final Duration maxOther;

    public CallDeadlines(Duration maxMutation, Duration maxOther) {
        this.maxMutation = maxMutation;
        this.maxOther = maxOther;
    }

    /** When a call of {@code fullMethodName} that arrived {@code now} must be answered by. */
    Instant deadline(String fullMethodName, Metadata headers, Instant now) {
        Duration max = MUTATIONS.contains(fullMethodName) ? maxMutation : maxOther;
        Duration asked = parse(headers.get(GRPC_TIMEOUT)).orElse(DEFAULT_TIMEOUT);
        return now.plus(asked.compareTo(max) <= 0 ? asked : max);
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
