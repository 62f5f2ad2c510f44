package dev.pidgr.gateway.apns;

import dev.pidgr.gateway.push.Variables;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * APNs with token authentication (docs/channels.md, "APNs"): a .p8 signing key from a file, its key id and team id,
 * the app's bundle id as topic, and the server ({@code api.push.apple.com:443} in production,
 * {@code api.sandbox.push.apple.com:443} for development builds).
 *
 * @param keyFile the PKCS#8 .p8 key file ({@code PIDGR_APNS_KEY_FILE}); the key itself is never held here
 * @param trustFile PEM certificates to trust instead of the JDK's (a test server); empty in production
 */
public record ApnsSettings(
        Path keyFile,
        String keyId,
        String teamId,
        String topic,
        String host,
        int port,
        Optional<Path> trustFile,
        int concurrency,
        Duration timeout) {

    public static final String KEY_FILE = "PIDGR_APNS_KEY_FILE";

    /** The settings when {@code PIDGR_APNS_KEY_FILE} is set; then key id, team id and topic are required. */
    public static Optional<ApnsSettings> from(Variables variables) {
        if (variables.file(KEY_FILE).isEmpty()) {
            return Optional.empty();
        }
        String endpoint = variables.optional("PIDGR_APNS_ENDPOINT").orElse("api.push.apple.com:443");
        int colon = endpoint.lastIndexOf(':');
        String host = colon < 0 ? endpoint : endpoint.substring(0, colon);
        int port = colon < 0 ? 443 : parsePort(endpoint.substring(colon + 1));
        return Optional.of(new ApnsSettings(
                variables.file(KEY_FILE).orElseThrow(),
                variables.required("PIDGR_APNS_KEY_ID"),
                variables.required("PIDGR_APNS_TEAM_ID"),
                variables.required("PIDGR_APNS_TOPIC"),
                host,
                port,
                variables.file("PIDGR_APNS_TRUST_FILE"),
                variables.positive("PIDGR_APNS_CONCURRENCY", 100),
                variables.duration("PIDGR_APNS_TIMEOUT", Duration.ofSeconds(10))));
    }

    private static int parsePort(String port) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PIDGR_APNS_ENDPOINT must be host:port", e);
        }
    }
}
