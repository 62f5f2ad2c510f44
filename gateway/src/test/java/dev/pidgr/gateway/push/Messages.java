package dev.pidgr.gateway.push;

import dev.pidgr.gateway.channel.Outgoing;
import java.util.UUID;

/** Outgoing messages for the senders' tests. */
public final class Messages {

    private Messages() {}

    public static Outgoing to(String address) {
        String pushId = UUID.nameUUIDFromBytes(address.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        return new Outgoing(pushId, "org-1", "user-1", "device-1", address, "Quarterly results",
                "Read the numbers before Friday", "", "Finance", "pidgr://inbox/delivery-1", 1);
    }
}
