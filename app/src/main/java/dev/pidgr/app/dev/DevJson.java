package dev.pidgr.app.dev;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a running dev server can be reached, written to {@code <data-dir>/dev.json} so operator and
 * client commands given {@code --data-dir} find it ({@code imap}, host:port of its mail server, for {@code pidgr mail};
 * absent from a file an older dev server wrote).
 */
public record DevJson(String grpc, String kafka, String jdbcUrl, String jdbcUser, String jdbcPassword,
                      String metrics, String namespace, String imap, long pid) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Replaces the file atomically; it holds the database password, so only its owner may read it (rw-------). */
    public void write(Path file) throws IOException {
        PrivateFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    }

    /** Reads dev.json of a data folder; fails with a helpful message when no dev server wrote one. */
    public static DevJson read(Path dataDir) throws IOException {
        Path file = dataDir.resolve("dev.json");
        if (!Files.exists(file)) {
            throw new IllegalStateException("no dev server found in " + dataDir.toAbsolutePath()
                    + " (no dev.json); start one with ./pidgr dev, or pass --bootstrap-servers");
        }
        return JSON.readValue(file.toFile(), DevJson.class);
    }
}
