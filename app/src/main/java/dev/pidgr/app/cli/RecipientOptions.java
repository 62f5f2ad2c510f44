package dev.pidgr.app.cli;

import dev.pidgr.api.auth.DevTokens;
import dev.pidgr.app.dev.DataDir;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** Client options plus {@code --as USER}: in dev, act as that recipient with a token minted from the data folder. */
public final class RecipientOptions extends ClientOptions {

    @Option(
            names = "--as",
            description = "Dev only: act as this user (a recipient token from the data folder's secret).")
    String asUser;

    @Override
    public Client connect() throws IOException {
        if (asUser != null && token == null) {
            DataDir dir = new DataDir(dataDir);
            token = new DevTokens(dir.jwtSecret(System.getenv("PIDGR_JWT_SECRET")), Clock.systemUTC())
                    .issue(asUser, dir.devOrganization(), List.of(), Duration.ofHours(1));
        }
        return super.connect();
    }
}
