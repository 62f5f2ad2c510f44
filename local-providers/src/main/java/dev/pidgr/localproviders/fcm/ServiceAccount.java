package dev.pidgr.localproviders.fcm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * A Google service account made up on the spot: an RSA key pair, a client email and a project, and its JSON key
 * file as the Google Cloud console hands it out, for a gateway to sign its OAuth assertions with.
 */
public record ServiceAccount(String project, String clientEmail, KeyPair key) {

    /** A fresh 2048-bit RSA key for {@code clientEmail} in {@code project}. */
    public static ServiceAccount generate(String project, String clientEmail) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return new ServiceAccount(project, clientEmail, generator.generateKeyPair());
    }

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) key.getPublic();
    }

    /** The key file's JSON; {@code tokenUri} is its {@code token_uri} (the gateway may override it). */
    public String json(String tokenUri) {
        String pem = "-----BEGIN PRIVATE KEY-----\\n"
                + Base64.getEncoder().encodeToString(key.getPrivate().getEncoded()) + "\\n-----END PRIVATE KEY-----\\n";
        return "{\"type\": \"service_account\", \"project_id\": \"" + project + "\", "
                + "\"private_key_id\": \"k1\", \"private_key\": \"" + pem + "\", \"client_email\": \"" + clientEmail
                + "\", \"client_id\": \"1\", \"token_uri\": \"" + tokenUri + "\"}";
    }

    /** Writes {@link #json} to {@code file} (the gateway's {@code PIDGR_FCM_SERVICE_ACCOUNT_FILE}). */
    public Path write(Path file, String tokenUri) throws IOException {
        return Files.writeString(file, json(tokenUri));
    }
}
