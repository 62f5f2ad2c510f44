package dev.pidgr.app;

import dev.pidgr.api.auth.DevTokens;
import dev.pidgr.api.auth.Permission;
import dev.pidgr.app.dev.DataDir;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pidgr token}: prints a token signed with the dev secret. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Print a token signed with the dev secret (PIDGR_JWT_SECRET, or the data folder's). No --perm: a recipient's token.")
public final class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--sub", required = true, description = "The user id (the token's sub).")
    String subject;

    @Option(names = "--org", description = "The organization id (default: the dev organization of --data-dir).")
    String organization;

    @Option(names = "--perm", description = "A permission: MANAGE_CAMPAIGNS, VIEW_CAMPAIGNS, MANAGE_TEMPLATES, VIEW_TEMPLATES (repeatable).")
    List<Permission> permissions = List.of();

    @Option(names = "--valid-for", defaultValue = "PT168H", description = "Validity as an ISO-8601 duration (default: ${DEFAULT-VALUE}, 7 days).")
    Duration validity;

    @Option(names = "--data-dir", defaultValue = ".pidgr", description = "Data folder holding the dev secret (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        DataDir dir = new DataDir(dataDir);
        byte[] secret = dir.jwtSecret(System.getenv("PIDGR_JWT_SECRET"));
        String org = organization != null ? organization : dir.devOrganization();
        spec.commandLine().getOut().println(new DevTokens(secret, Clock.systemUTC()).issue(subject, org, permissions, validity));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
