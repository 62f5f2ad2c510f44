package dev.pidgr.app.serve;

import dev.pidgr.gateway.GatewaySettings;
import dev.pidgr.gateway.email.EmailSettings;
import dev.pidgr.gateway.email.SmtpFile;
import dev.pidgr.gateway.email.SmtpServer;
import dev.pidgr.gateway.retry.RetryPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The gateway role's options: retries and the SMTP relays (docs/channels.md, docs/configuration.md). */
public final class GatewayOptions {

    @Option(names = "--gateway-max-attempts", defaultValue = "${env:PIDGR_GATEWAY_MAX_ATTEMPTS:-5}",
            description = "Attempts per target before a transient failure counts as FAILED"
                    + " (PIDGR_GATEWAY_MAX_ATTEMPTS; default ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--smtp-host", defaultValue = "${env:PIDGR_SMTP_HOST}",
            description = "The default SMTP relay; without it (and without --smtp-organizations-file) there is no"
                    + " email channel (PIDGR_SMTP_HOST).")
    String host;

    @Option(names = "--smtp-port", defaultValue = "${env:PIDGR_SMTP_PORT:-587}",
            description = "Its port (PIDGR_SMTP_PORT; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--smtp-security", defaultValue = "${env:PIDGR_SMTP_SECURITY:-starttls}",
            description = "none, starttls (required) or tls (PIDGR_SMTP_SECURITY; default ${DEFAULT-VALUE}).")
    String security;

    @Option(names = "--smtp-username", defaultValue = "${env:PIDGR_SMTP_USERNAME}",
            description = "Login, if the relay wants one (PIDGR_SMTP_USERNAME).")
    String username;

    @Option(names = "--smtp-password-file", defaultValue = "${env:PIDGR_SMTP_PASSWORD_FILE}",
            description = "File with the login's password (PIDGR_SMTP_PASSWORD_FILE; or the variable"
                    + " PIDGR_SMTP_PASSWORD). Never logged.")
    Path passwordFile;

    @Option(names = "--smtp-from", defaultValue = "${env:PIDGR_SMTP_FROM}",
            description = "Sender address; the campaign's sender name is its display name (PIDGR_SMTP_FROM).")
    String from;

    @Option(names = "--smtp-organizations-file", defaultValue = "${env:PIDGR_SMTP_ORGANIZATIONS_FILE}",
            description = "Properties file of per-organization relays, <org>.host, .port, .security, .username,"
                    + " .from, .password-file or .password-env (PIDGR_SMTP_ORGANIZATIONS_FILE).")
    Path organizationsFile;

    @Option(names = "--smtp-concurrency", defaultValue = "${env:PIDGR_SMTP_CONCURRENCY:-4}",
            description = "Messages handed to SMTP relays at once (PIDGR_SMTP_CONCURRENCY; default"
                    + " ${DEFAULT-VALUE}).")
    int concurrency;

    /** The settings these options give. */
    public GatewaySettings settings() throws IOException {
        GatewaySettings defaults = GatewaySettings.defaults();
        RetryPolicy retry = new RetryPolicy(maxAttempts, defaults.retry().base(), defaults.retry().cap());
        Map<String, SmtpServer> organizations =
                organizationsFile == null ? Map.of() : SmtpFile.read(organizationsFile, System::getenv);
        EmailSettings email = new EmailSettings(defaultServer(), organizations, concurrency, 30_000);
        return defaults.withRetry(retry).withEmail(email);
    }

    private Optional<SmtpServer> defaultServer() throws IOException {
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("--smtp-host needs --smtp-from (PIDGR_SMTP_FROM)");
        }
        String password = passwordFile != null
                ? Files.readString(passwordFile, StandardCharsets.UTF_8).strip()
                : Optional.ofNullable(System.getenv("PIDGR_SMTP_PASSWORD")).orElse("");
        return Optional.of(new SmtpServer(host, port, security, username, password, from));
    }
}
