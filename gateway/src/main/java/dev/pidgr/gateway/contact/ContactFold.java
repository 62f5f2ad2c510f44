package dev.pidgr.gateway.contact;

import dev.pidgr.events.v1.DeviceEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * Folds a recipient's device events into a {@link Contact}: pure. An event at or below the contact's version is a
 * repeat (a re-read after a restart) and changes nothing.
 */
public final class ContactFold {

    private ContactFold() {
    }

    /** The contact after {@code event}. */
    public static Contact apply(Contact contact, DeviceEvent event) {
        if (event.getVersion() <= contact.version()) {
            return contact;
        }
        Map<String, Contact.Device> devices = new HashMap<>(contact.devices());
        String email = contact.email();
        switch (event.getPayloadCase()) {
            case REGISTERED -> devices.put(event.getRegistered().getDeviceId(),
                    new Contact.Device(event.getRegistered().getPlatform(), event.getRegistered().getPushToken()));
            case TOKEN_REPLACED -> devices.put(event.getTokenReplaced().getDeviceId(),
                    new Contact.Device(event.getTokenReplaced().getPlatform(),
                            event.getTokenReplaced().getPushToken()));
            case DEACTIVATED -> devices.remove(event.getDeactivated().getDeviceId());
            case EMAIL_SET -> email = event.getEmailSet().getEmail();
            case PAYLOAD_NOT_SET -> {
                // an event of a newer writer that this gateway does not know: only its version counts
            }
        }
        return new Contact(event.getVersion(), devices, email);
    }
}
