package dev.pidgr.gateway.channel;

import java.time.Duration;
import java.util.Optional;

/** What one send came to. Reasons are the provider's own words (e.g. {@code BadDeviceToken}), never secrets. */
public sealed interface Attempt {

    /** The provider accepted the message; {@code providerMessageId} is its id of it (may equal the push id). */
    record Accepted(String providerMessageId) implements Attempt {}

    /** The provider says the address is no longer valid: the device is deactivated, no retry. */
    record Unregistered(String reason) implements Attempt {}

    /** Refused for good (bad request, payload too large, bad credentials): no retry. */
    record Failed(String reason) implements Attempt {}

    /**
     * A transient failure (429, 5xx, timeout, connection refused): retried with backoff, no sooner than
     * {@code retryAfter} when the provider said so.
     */
    record Transient(String reason, Optional<Duration> retryAfter) implements Attempt {}
}
