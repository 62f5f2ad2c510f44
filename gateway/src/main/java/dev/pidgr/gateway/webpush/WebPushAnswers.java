package dev.pidgr.gateway.webpush;

import dev.pidgr.gateway.channel.Attempt;
import dev.pidgr.gateway.push.RetryAfter;
import java.util.Optional;

/**
 * What a push service's answer means (RFC 8030): 201 created (its {@code Location} names the message); 404 or
 * 410 the subscription is gone; 429 (with {@code Retry-After}) and 5xx are worth a retry; 413 and any other
 * refusal (a bad VAPID token, a malformed request) are for good.
 */
public final class WebPushAnswers {

    private WebPushAnswers() {}

    public static Attempt of(int status, Optional<String> location, Optional<String> retryAfter, String pushId) {
        if (status >= 200 && status < 300) {
            return new Attempt.Accepted(location.orElse(pushId));
        }
        String said = "HTTP " + status;
        if (status == 404 || status == 410) {
            return new Attempt.Unregistered(said);
        }
        if (status == 429 || status >= 500) {
            return new Attempt.Transient(said, RetryAfter.parse(retryAfter));
        }
        return new Attempt.Failed(status == 413 ? "payload too large (HTTP 413)" : said);
    }
}
