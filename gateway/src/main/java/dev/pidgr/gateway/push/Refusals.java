package dev.pidgr.gateway.push;

import dev.pidgr.gateway.channel.Attempt;
import dev.pidgr.gateway.channel.Outgoing;
import org.slf4j.Logger;

/**
 * Logs a provider's refusal for good, which usually means our configuration is wrong (a key, a topic, a project):
 * the push id and the provider's reason only, never an address, a token or key material.
 */
public final class Refusals {

    private Refusals() {}

    public static Attempt logged(Logger log, Outgoing message, Attempt attempt) {
        if (attempt instanceof Attempt.Failed failed) {
            log.warn("push {} refused for good: {}", message.pushId(), failed.reason());
        }
        return attempt;
    }
}
