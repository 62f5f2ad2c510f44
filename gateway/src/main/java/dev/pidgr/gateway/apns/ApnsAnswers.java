package dev.pidgr.gateway.apns;

import dev.pidgr.gateway.channel.Attempt;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * What an APNs answer means for the gateway (Apple's "Handling notification responses from APNs"): 200 accepted;
 * 410, or 400 {@code BadDeviceToken}, the token is dead; 429, 5xx and a broken connection are worth a retry;
 * any other refusal (bad topic, expired provider token, payload too large) is for good.
 */
public final class ApnsAnswers {

    private static final Set<String> DEAD_TOKEN = Set.of("BadDeviceToken", "Unregistered", "ExpiredToken");

    private ApnsAnswers() {}

    public static Attempt of(int status, String reason, String apnsId) {
        if (status == 200) {
            return new Attempt.Accepted(apnsId);
        }
        String said = reason == null || reason.isBlank() ? "HTTP " + status : reason;
        if (status == 410 || (status == 400 && DEAD_TOKEN.contains(said))) {
            return new Attempt.Unregistered(said);
        }
        if (status == 429 || status >= 500) {
            return new Attempt.Transient(said, Optional.empty());
        }
        return new Attempt.Failed(said);
    }

    /** A send that ended without an answer: the connection broke, timed out or was refused. */
    public static Attempt ofFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return new Attempt.Transient("no answer from APNs: " + cause.getClass().getSimpleName(),
                Optional.<Duration>empty());
    }
}
