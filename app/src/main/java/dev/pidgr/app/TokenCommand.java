package dev.pidgr.app;

import dev.pidgr.api.auth.DevTokens;
import dev.pidgr.api.auth.HmacTokenVerifier;
import dev.pidgr.api.auth.Permission;
import dev.pidgr.app.dev.DataDir;
import dev.pidgr.app.run.SecretFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pidgr token}: prints an HS256 token. Signed with the dev secret, or with the secret file of
 * a {@code serve} process and its issuer and audience, read from the same options and PIDGR_*
 * variables as {@code serve}, so that its api accepts the token.
 */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description =
                "Print an HS256 token: signed with --jwt-hs256-secret-file (as serve), else PIDGR_JWT_SECRET, else the"
                        + " data folder's dev secret. No --perm: a recipient's token.")
public final class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--sub", required = true, description = "The user id (the token's sub).")
    String subject;

    @Option(names = "--org", description = "The organization id (default: the dev organization of --data-dir).")
    String organization;

    @Option(
            names = "--perm",
            description =
                    "A permission: MANAGE_CAMPAIGNS, VIEW_CAMPAIGNS, MANAGE_TEMPLATES, VIEW_TEMPLATES (repeatable).")
    List<Permission> permissions = List.of();

    @Option(
            names = "--valid-for",
            defaultValue = "PT168H",
            description = "Validity as an ISO-8601 duration (default: ${DEFAULT-VALUE}, 7 days).")
    Duration validity;

    @Option(
            names = "--jwt-issuer",
            defaultValue = "${env:PIDGR_JWT_ISSUER}",
            description = "The token's iss, as serve requires it (PIDGR_JWT_ISSUER; default none).")
    String issuer;

    @Option(
            names = "--jwt-audience",
            defaultValue = "${env:PIDGR_JWT_AUDIENCE}",
            description = "The token's aud, as serve requires it (PIDGR_JWT_AUDIENCE; default none).")
    String audience;

    @Option(
            names = "--jwt-hs256-secret-file",
            defaultValue = "${env:PIDGR_JWT_HS256_SECRET_FILE}",
            description =
                    "Sign with serve's HS256 secret file (PIDGR_JWT_HS256_SECRET_FILE; default: PIDGR_JWT_SECRET, else"
                            + " the data folder's).")
    Path secretFile;

    @Option(
            names = "--data-dir",
            defaultValue = ".pidgr",
            description = "Data folder holding the dev secret and organization (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        byte[] secret = secretFile != null
                ? SecretFiles.read(secretFile, "--jwt-hs256-secret-file", HmacTokenVerifier.MIN_SECRET_BYTES)
                : dataDir().jwtSecret(System.getenv("PIDGR_JWT_SECRET"));
        String org = organization != null ? organization : dataDir().devOrganization();
        String token =
                new DevTokens(secret, Clock.systemUTC(), issuer, audience).issue(subject, org, permissions, validity);
        spec.commandLine().getOut().println(token);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Opened (and created) only when the secret or the organization comes from it. */
    private DataDir dataDir() throws IOException {
        return new DataDir(dataDir);
    }
}
