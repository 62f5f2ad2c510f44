package dev.pidgr.gateway.contact;

import dev.pidgr.events.v1.DeviceEvent;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every recipient's {@link Contact}, by organization and user: written by the one thread that reads
 * pidgr.device.events, read by the delivery loop. A recipient takes room once a device event names them.
 */
public final class ContactBook {

    private final ConcurrentHashMap<Key, Contact> contacts = new ConcurrentHashMap<>();

    private record Key(String organizationId, String userId) {}

    /** Applies one device event. */
    public void apply(DeviceEvent event) {
        contacts.compute(new Key(event.getOrganizationId(), event.getUserId()), (key, contact) -> {
            Contact next = ContactFold.apply(contact == null ? Contact.NONE : contact, event);
            return next;
        });
    }

    /** The recipient's contact, {@link Contact#NONE} when unknown. */
    public Contact get(String organizationId, String userId) {
        return contacts.getOrDefault(new Key(organizationId, userId), Contact.NONE);
    }
}
