package dev.pidgr.gateway.contact;

import dev.pidgr.api.v1.Platform;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the gateway knows of one recipient: the active devices (by device id, in id order) and the email
 * address (empty when none). Immutable; {@link ContactFold} makes the next one.
 *
 * @param version the aggregate version of the last event applied (events at or below it are repeats)
 */
public record Contact(long version, Map<String, Device> devices, String email) {

    /** A recipient the gateway has heard nothing of. */
    public static final Contact NONE = new Contact(0, Map.of(), "");

    public Contact {
        devices = java.util.Collections.unmodifiableMap(new TreeMap<>(devices));
    }

    /** One active device: where the provider reaches it. */
    public record Device(Platform platform, String pushToken) {}

    /** Whether the recipient can be reached at all. */
    public boolean reachable() {
        return !devices.isEmpty() || !email.isEmpty();
    }
}
