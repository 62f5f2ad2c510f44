package dev.pidgr.bench.gateway;

import dev.pidgr.localproviders.fcm.FcmServer;
import dev.pidgr.localproviders.fcm.ServiceAccount;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;

/**
 * The gateway phase's FCM: local-providers' FCM server (OAuth token endpoint and {@code messages:send}) in the
 * harness, a fresh service account, and its key file, which dev's gateway reads through the variables of
 * docs/channels.md. Started before dev, since the gateway reads its variables at start.
 */
public final class LocalFcm implements AutoCloseable {

    private static final String PROJECT = "pidgr-bench";
    private static final String CLIENT_EMAIL = "gateway@pidgr-bench.iam.gserviceaccount.com";

    private final FcmServer server;
    private final Path keyFile;

    private LocalFcm(FcmServer server, Path keyFile) {
        this.server = server;
        this.keyFile = keyFile;
    }

    /** Starts the server on a free port and writes the service account's key file into {@code dir}. */
    public static LocalFcm start(Path dir) throws java.io.IOException, GeneralSecurityException {
        ServiceAccount account = ServiceAccount.generate(PROJECT, CLIENT_EMAIL);
        FcmServer server = FcmServer.start(account);
        return new LocalFcm(server, account.write(dir.resolve("fcm-service-account.json"), server.tokenEndpoint()));
    }

    /** The variables that point dev's gateway at this server. */
    public Map<String, String> devVariables() {
        return Map.of("PIDGR_FCM_SERVICE_ACCOUNT_FILE", keyFile.toString(), "PIDGR_FCM_ENDPOINT", server.base());
    }

    FcmServer server() {
        return server;
    }

    Path keyFile() {
        return keyFile;
    }

    @Override
    public void close() {
        server.close();
    }
}
