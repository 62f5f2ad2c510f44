package dev.pidgr.gateway.email;

import java.util.Map;
import java.util.Optional;

/**
 * Which SMTP relay each organization's email goes through: its own, else the default, else none (then email is not
 * a channel for that organization and recipients with only an email address are NO_DEVICE).
 *
 * @param concurrency how many messages are handed to SMTP relays at once, over all organizations
 */
public record EmailSettings(Optional<SmtpServer> defaultServer, Map<String, SmtpServer> organizations,
        int concurrency, int timeoutMillis) {

    /** No email at all. */
    public static final EmailSettings NONE = new EmailSettings(Optional.empty(), Map.of(), 4, 30_000);

    public EmailSettings {
        organizations = Map.copyOf(organizations);
        if (concurrency < 1 || timeoutMillis < 1) {
            throw new IllegalArgumentException("email concurrency and timeout must be positive");
        }
    }

    /** The relay of an organization, if it has one. */
    public Optional<SmtpServer> serverOf(String organizationId) {
        SmtpServer own = organizations.get(organizationId);
        return own != null ? Optional.of(own) : defaultServer;
    }

    public boolean configured(String organizationId) {
        return serverOf(organizationId).isPresent();
    }

    public boolean any() {
        return defaultServer.isPresent() || !organizations.isEmpty();
    }
}
