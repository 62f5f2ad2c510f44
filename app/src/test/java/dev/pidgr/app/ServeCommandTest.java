package dev.pidgr.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pidgr serve} refuses an incomplete configuration at once, saying what is missing, before touching Kafka. */
class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldRefuseToServeWithoutKafka() {
        Cli.Run run = Cli.run("serve", "--roles", "command");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("pidgr serve: missing --kafka (PIDGR_KAFKA_BOOTSTRAP_SERVERS)" + System.lineSeparator());
    }

    @Test
    void shouldRefuseAnUnknownRole() {
        Cli.Run run = Cli.run("serve", "--roles", "api,cache", "--kafka", "127.0.0.1:1");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("pidgr serve: unknown role \"cache\"; roles are api, command, workflow, query, gateway");
    }

    @Test
    void shouldRefuseAnApiWithoutAWayToVerifyTokens() {
        Cli.Run run = Cli.run(
                "serve", "--roles", "api", "--kafka", "127.0.0.1:1", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/x");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .startsWith(
                        "pidgr serve: the api role needs --jwks (PIDGR_JWKS) or, explicitly, --jwt-hs256-secret-file");
    }

    @Test
    void shouldRefuseAJwksWithoutIssuerAndAudience() throws Exception {
        Cli.Run run = Cli.run(
                "serve",
                "--roles",
                "api",
                "--kafka",
                "127.0.0.1:1",
                "--jdbc-url",
                "jdbc:postgresql://127.0.0.1:1/x",
                "--jwks",
                "https://id.example.com/jwks.json",
                "--page-token-key-file",
                secret("key", 32).toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("pidgr serve: --jwks needs --jwt-issuer (PIDGR_JWT_ISSUER) and --jwt-audience"
                        + " (PIDGR_JWT_AUDIENCE)");
    }

    @Test
    void shouldRefuseAJwksUrlWithoutTls() throws Exception {
        Cli.Run run = Cli.run(
                "serve",
                "--roles",
                "api",
                "--kafka",
                "127.0.0.1:1",
                "--jdbc-url",
                "jdbc:postgresql://127.0.0.1:1/x",
                "--jwks",
                "http://id.example.com/jwks.json",
                "--jwt-issuer",
                "https://id.example.com",
                "--jwt-audience",
                "pidgr",
                "--page-token-key-file",
                secret("key", 32).toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("pidgr serve: --jwks (PIDGR_JWKS) must be an https:// URL or a file, not"
                        + " http://id.example.com/jwks.json");
    }

    @Test
    void shouldRefuseAPerOrganizationLimitAboveTheServersLimit() throws Exception {
        Cli.Run run = Cli.run(
                "serve",
                "--roles",
                "api",
                "--kafka",
                "127.0.0.1:1",
                "--jdbc-url",
                "jdbc:postgresql://127.0.0.1:1/x",
                "--jwt-hs256-secret-file",
                secret("jwt", 32).toString(),
                "--page-token-key-file",
                secret("key", 32).toString(),
                "--max-mutations-in-flight",
                "10",
                "--max-mutations-in-flight-per-org",
                "20");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("pidgr serve: --max-mutations-in-flight-per-org (20) must be at least 1 and at most"
                        + " --max-mutations-in-flight (10)");
    }

    @Test
    void shouldRefuseAShortTokenSecret() throws Exception {
        Path shortSecret = secret("jwt", 10);

        Cli.Run run = Cli.run(
                "serve",
                "--roles",
                "api",
                "--kafka",
                "127.0.0.1:1",
                "--jdbc-url",
                "jdbc:postgresql://127.0.0.1:1/x",
                "--jwt-hs256-secret-file",
                shortSecret.toString(),
                "--page-token-key-file",
                secret("key", 32).toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("pidgr serve: --jwt-hs256-secret-file " + shortSecret
                        + " holds 10 bytes; at least 32 are needed");
    }

    @Test
    void shouldRefuseAWorkflowWithoutAWebhookSecret() {
        Cli.Run run = Cli.run("serve", "--roles", "workflow", "--kafka", "127.0.0.1:1");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("pidgr serve: missing --webhook-secret-file (PIDGR_WEBHOOK_SECRET_FILE)");
    }

    private Path secret(String name, int bytes) throws Exception {
        return Files.writeString(dir.resolve(name), "s".repeat(bytes));
    }
}
