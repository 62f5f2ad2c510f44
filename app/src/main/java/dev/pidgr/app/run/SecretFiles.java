package dev.pidgr.app.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Secrets read from files, as {@code serve} and {@code pidgr token} read them. */
public final class SecretFiles {

    private SecretFiles() {
    }

    /**
     * The file's UTF-8 content without surrounding whitespace (a trailing newline), as bytes.
     *
     * @throws IllegalArgumentException when it is shorter than {@code minBytes}, saying which option and how long
     */
    public static byte[] read(Path file, String option, int minBytes) throws IOException {
        byte[] bytes = Files.readString(file, StandardCharsets.UTF_8).trim().getBytes(StandardCharsets.UTF_8);
        if (bytes.length < minBytes) {
            throw new IllegalArgumentException(
                    option + " " + file + " holds " + bytes.length + " bytes; at least " + minBytes + " are needed");
        }
        return bytes;
    }
}
