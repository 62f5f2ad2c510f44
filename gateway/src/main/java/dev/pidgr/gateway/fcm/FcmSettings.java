package dev.pidgr.gateway.fcm;

import dev.pidgr.gateway.push.Variables;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * FCM HTTP v1 (docs/channels.md, "FCM"): a service account's JSON key from a file (its {@code project_id} names
 * the Firebase project), the API's base URL and, for tests, the OAuth token endpoint.
 *
 * @param serviceAccountFile the service account's JSON key ({@code PIDGR_FCM_SERVICE_ACCOUNT_FILE}); its private
 *     key is read when the sender starts and never held here
 * @param tokenEndpoint overrides the key file's {@code token_uri} ({@code PIDGR_FCM_TOKEN_ENDPOINT})
 */
public record FcmSettings(
        Path serviceAccountFile,
        URI endpoint,
        Optional<URI> tokenEndpoint,
        int concurrency,
        Duration timeout) {

    public static final String SERVICE_ACCOUNT_FILE = "PIDGR_FCM_SERVICE_ACCOUNT_FILE";

    /** The settings when {@code PIDGR_FCM_SERVICE_ACCOUNT_FILE} is set. */
    public static Optional<FcmSettings> from(Variables variables) {
        return variables.file(SERVICE_ACCOUNT_FILE).map(file -> new FcmSettings(
                file,
                URI.create(variables.optional("PIDGR_FCM_ENDPOINT").orElse("https://fcm.googleapis.com")),
                variables.optional("PIDGR_FCM_TOKEN_ENDPOINT").map(URI::create),
                variables.positive("PIDGR_FCM_CONCURRENCY", 100),
                variables.duration("PIDGR_FCM_TIMEOUT", Duration.ofSeconds(10))));
    }
}
