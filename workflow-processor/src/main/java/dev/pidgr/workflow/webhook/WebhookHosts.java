package dev.pidgr.workflow.webhook;

import dev.pidgr.contract.WebhookAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The addresses one attempt may connect to (docs/api.md, "Webhook calls"): a literal host is parsed,
 * never looked up; a name is resolved through the {@link ResolverPool} within the attempt's
 * budget; every address is checked unless the deployment allows insecure webhooks. A host of
 * digits and dots that is not a dotted quad is refused in every deployment, before any lookup.
 */
final class WebhookHosts {

    /** The host is, or resolves only to, addresses webhooks may not reach: the attempt is final. */
    static final class RefusedException extends Exception {
        RefusedException(String message) {
            super(message);
        }
    }

    private final boolean allowInsecure;
    private final ResolverPool resolvers;

    WebhookHosts(boolean allowInsecure, ResolverPool resolvers) {
        this.allowInsecure = allowInsecure;
        this.resolvers = resolvers;
    }

    List<InetAddress> vet(String organizationId, String host, long timeoutNanos)
            throws RefusedException, UnknownHostException, TimeoutException, ResolverPool.BusyException {
        Optional<String> refusal = WebhookAddresses.malformedHost(host)
                .or(() -> allowInsecure ? Optional.empty() : WebhookAddresses.refusalForHost(host));
        if (refusal.isPresent()) {
            throw new RefusedException(refusal.get());
        }
        List<InetAddress> addresses = addresses(organizationId, host, timeoutNanos);
        return allowInsecure ? addresses : allowed(addresses);
    }

    private List<InetAddress> addresses(String organizationId, String host, long timeoutNanos)
            throws RefusedException, UnknownHostException, TimeoutException, ResolverPool.BusyException {
        Optional<InetAddress> literal = WebhookAddresses.literal(host);
        if (literal.isPresent()) {
            return List.of(literal.get());
        }
        if (WebhookAddresses.isLiteral(host)) {
            throw new RefusedException("the host " + host + " is not a valid IP address");
        }
        return resolvers.resolve(organizationId, host, timeoutNanos);
    }

    private static List<InetAddress> allowed(List<InetAddress> resolved) throws RefusedException {
        List<InetAddress> allowed = new ArrayList<>();
        String refusal = "the webhook host resolves to no address";
        for (InetAddress address : resolved) {
            Optional<String> why = WebhookAddresses.refusal(address);
            if (why.isEmpty()) {
                allowed.add(address);
            } else {
                refusal = "the webhook host resolves to a refused address: " + why.get();
            }
        }
        if (allowed.isEmpty()) {
            throw new RefusedException(refusal);
        }
        return allowed;
    }
}
