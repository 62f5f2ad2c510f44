package dev.pidgr.app.cli;

import dev.pidgr.api.auth.DevTokens;
import dev.pidgr.app.dev.DataDir;
import dev.pidgr.app.dev.DevJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options every client command shares. Without --server and --token, a dev server running in the
 * data folder is used: its address from dev.json and a token with every permission minted from its
 * secret.
 */
public class ClientOptions {

    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    @Option(
            names = "--server",
            description = "host:port of a pidgr server (default: the dev server in --data-dir, else 127.0.0.1:9090).")
    String server;

    @Option(names = "--token", description = "Bearer token (default: $PIDGR_TOKEN, else a dev token from --data-dir).")
    String token;

    @Option(names = "--tls", description = "Connect with TLS.")
    boolean tls;

    @Option(names = "--data-dir", defaultValue = ".pidgr", description = "Dev data folder (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--json", description = "Print JSON in the API's shape instead of a table.")
    boolean json;

    @Option(
            names = "--timeout",
            defaultValue = "PT30S",
            description = "Deadline of each call, ISO-8601 (default: ${DEFAULT-VALUE}).")
    java.time.Duration timeout;

    public Client connect() throws IOException {
        return new Client(target(), tls, bearer(), timeout);
    }

    /** Where results go: the command line's output (standard output when run as pidgr). */
    public Output output() {
        return new Output(json, spec.commandLine().getOut());
    }

    /** Where progress notes go: the command line's error output. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    String target() throws IOException {
        if (server != null) {
            return server;
        }
        if (Files.exists(dataDir.resolve("dev.json"))) {
            return DevJson.read(dataDir).grpc();
        }
        return "127.0.0.1:9090";
    }

    String bearer() throws IOException {
        if (token != null) {
            return token;
        }
        String fromEnvironment = System.getenv("PIDGR_TOKEN");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.trim();
        }
        if (!Files.exists(dataDir.resolve("dev-organization"))) {
            throw new IllegalStateException(
                    "no token: pass --token, set PIDGR_TOKEN, or run a dev server in " + dataDir);
        }
        DataDir dir = new DataDir(dataDir);
        return new DevTokens(dir.jwtSecret(System.getenv("PIDGR_JWT_SECRET")), Clock.systemUTC())
                .issueAdmin("cli", dir.devOrganization());
    }
}
