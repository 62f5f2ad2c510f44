package dev.pidgr.bench.gateway;

import dev.pidgr.localproviders.apns.ApnsServer;
import dev.pidgr.localproviders.apns.Pem;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Map;

/**
 * The gateway phase's APNs: local-providers' APNs server (HTTP/2 over TLS with its own certificate, token
 * authentication) in the harness, a fresh team key as Apple's {@code .p8} file and the server's certificate to
 * trust, which dev's gateway reads through the variables of docs/channels.md. Started before dev.
 */
public final class LocalApns implements AutoCloseable {

    static final String KEY_ID = "BENCHKEY01";
    static final String TEAM_ID = "BENCHTEAM1";
    static final String TOPIC = "dev.pidgr.bench";

    private final ApnsServer server;
    private final Path keyFile;
    private final Path trustFile;

    private LocalApns(ApnsServer server, Path keyFile, Path trustFile) {
        this.server = server;
        this.keyFile = keyFile;
        this.trustFile = trustFile;
    }

    /** Starts the server on a free port and writes the team's key and the server's certificate into {@code dir}. */
    public static LocalApns start(Path dir) throws IOException, GeneralSecurityException {
        KeyPair team = Pem.p256();
        ApnsServer server = ApnsServer.start((ECPublicKey) team.getPublic(), KEY_ID, TEAM_ID);
        return new LocalApns(server, Pem.writePrivateKey(dir.resolve("apns-key.p8"), team),
                Pem.writeCertificate(dir.resolve("apns-server.pem"), server.certificate()));
    }

    /** The variables that point dev's gateway at this server. */
    public Map<String, String> devVariables() {
        return Map.of("PIDGR_APNS_KEY_FILE", keyFile.toString(), "PIDGR_APNS_KEY_ID", KEY_ID,
                "PIDGR_APNS_TEAM_ID", TEAM_ID, "PIDGR_APNS_TOPIC", TOPIC,
                "PIDGR_APNS_ENDPOINT", "localhost:" + server.port(), "PIDGR_APNS_TRUST_FILE", trustFile.toString());
    }

    ApnsServer server() {
        return server;
    }

    Path keyFile() {
        return keyFile;
    }

    Path trustFile() {
        return trustFile;
    }

    @Override
    public void close() {
        server.close();
    }
}
