package dev.pidgr.app.dev;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * The dev-mode data folder (default {@code .pidgr}): broker and database data, and the secrets and
 * ids that must stay stable across restarts (token secret, webhook secret, page-token key, the dev
 * organization). Secrets given in the environment win over the files and are never written. The
 * folder holds every message of the dev server (Kafka segments, the database), so it is its owner's
 * only (rwx------), and so is every file written here (rw-------).
 */
public final class DataDir {

    public static final int MIN_SECRET_BYTES = 32;

    private final Path root;

    /** Creates the folder for its owner only (rwx------), or narrows an existing one that others could read. */
    public DataDir(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        PrivateFiles.folder(this.root);
    }

    public Path root() {
        return root;
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path postgres() {
        return root.resolve("postgres");
    }

    public Path streams() {
        return root.resolve("streams");
    }

    public Path devJson() {
        return root.resolve("dev.json");
    }

    /** The HS256 token secret: PIDGR_JWT_SECRET when set (at least 32 bytes), else generated once and kept here. */
    public byte[] jwtSecret(String fromEnvironment) throws IOException {
        return secret("PIDGR_JWT_SECRET", fromEnvironment, "jwt-secret");
    }

    /** The webhook signing secret: PIDGR_WEBHOOK_SECRET when set, else generated once and kept here. */
    public byte[] webhookSecret(String fromEnvironment) throws IOException {
        return secret("PIDGR_WEBHOOK_SECRET", fromEnvironment, "webhook-secret");
    }

    /** The key that signs page tokens; generated once and kept here. */
    public byte[] pageTokenKey() throws IOException {
        return secret("", null, "page-token-key");
    }

    /** The dev organization id, stable across restarts. */
    public String devOrganization() throws IOException {
        Path file = root.resolve("dev-organization");
        if (!Files.exists(file)) {
            writePrivate(file, UUID.randomUUID().toString());
        }
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    private byte[] secret(String variable, String fromEnvironment, String fileName) throws IOException {
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            byte[] bytes = fromEnvironment.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException(
                        variable + " must be at least " + MIN_SECRET_BYTES + " bytes long (it has " + bytes.length
                                + "): HMAC-SHA256 keys shorter than 256 bits are refused.");
            }
            return bytes;
        }
        Path file = root.resolve(fileName);
        if (!Files.exists(file)) {
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            writePrivate(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        }
        return Files.readString(file, StandardCharsets.UTF_8).trim().getBytes(StandardCharsets.UTF_8);
    }

    private static void writePrivate(Path file, String content) throws IOException {
        PrivateFiles.write(file, (content + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
