package dev.pidgr.workflow.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns a webhook host name into addresses. Injectable so tests can make a name resolve anywhere. */
@FunctionalInterface
public interface WebhookResolver {

    /** Every address of {@code host}; throws when the name does not resolve. */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The system resolver. */
    static WebhookResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
