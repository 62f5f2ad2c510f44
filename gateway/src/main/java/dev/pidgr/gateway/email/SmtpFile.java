package dev.pidgr.gateway.email;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Reads the per-organization SMTP relays from a properties file: {@code <organization id>.<field>} with the fields
 * {@code host}, {@code port} (587), {@code security} (starttls), {@code username}, {@code from}, and the password as
 * {@code password-file} (a file holding it) or {@code password-env} (the name of a variable holding it); a password
 * never stands in the file itself (docs/channels.md).
 */
public final class SmtpFile {

    private SmtpFile() {
    }

    /** The relays of {@code file}, by organization; {@code env} reads variables. */
    public static Map<String, SmtpServer> read(Path file, UnaryOperator<String> env) throws IOException {
        Properties props = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        }
        Map<String, Map<String, String>> byOrganization = new HashMap<>();
        for (String key : props.stringPropertyNames()) {
            int dot = key.lastIndexOf('.');
            if (dot <= 0) {
                throw new IllegalArgumentException(file + ": " + key + " is not <organization id>.<field>");
            }
            byOrganization.computeIfAbsent(key.substring(0, dot), org -> new HashMap<>())
                    .put(key.substring(dot + 1), props.getProperty(key).strip());
        }
        Map<String, SmtpServer> servers = new HashMap<>();
        for (Map.Entry<String, Map<String, String>> entry : byOrganization.entrySet()) {
            servers.put(entry.getKey(), server(file + " (" + entry.getKey() + ")", entry.getValue(), env));
        }
        return servers;
    }

    private static SmtpServer server(String where, Map<String, String> fields, UnaryOperator<String> env)
            throws IOException {
        for (String field : fields.keySet()) {
            if (!java.util.Set.of("host", "port", "security", "username", "from", "password-file", "password-env")
                    .contains(field)) {
                throw new IllegalArgumentException(where + ": unknown field " + field
                        + " (a password is given as password-file or password-env, never in the file)");
            }
        }
        return new SmtpServer(fields.get("host"), Integer.parseInt(fields.getOrDefault("port", "587")),
                fields.getOrDefault("security", "starttls"), fields.get("username"), password(fields, env),
                fields.get("from"));
    }

    private static String password(Map<String, String> fields, UnaryOperator<String> env) throws IOException {
        if (fields.containsKey("password-file")) {
            return Files.readString(Path.of(fields.get("password-file")), StandardCharsets.UTF_8).strip();
        }
        if (fields.containsKey("password-env")) {
            String value = env.apply(fields.get("password-env"));
            return value == null ? "" : value;
        }
        return "";
    }
}
