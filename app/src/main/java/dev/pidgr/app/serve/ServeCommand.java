package dev.pidgr.app.serve;

import dev.pidgr.api.server.ApiLimits;
import dev.pidgr.app.run.KafkaProperties;
import dev.pidgr.app.run.KafkaSecurityOptions;
import dev.pidgr.app.run.Node;
import dev.pidgr.app.run.NodeSettings;
import dev.pidgr.app.run.Role;
import dev.pidgr.app.run.SecretFiles;
import dev.pidgr.app.run.Traces;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pidgr serve --roles api,command,workflow,query}: any subset of the roles against an existing
 * Kafka cluster and PostgreSQL. Every flag has a PIDGR_* environment variable; docs/configuration.md
 * lists them all.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Run roles against external Kafka and PostgreSQL. Every option can also be set with its PIDGR_*"
                + " variable.")
public final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(
            names = "--roles",
            defaultValue = "${env:PIDGR_ROLES:-api,command,workflow,query}",
            description = "Roles to run: api, command, workflow, query, gateway (PIDGR_ROLES; default"
                    + " ${DEFAULT-VALUE}).")
    String roles;

    @Option(
            names = "--kafka",
            defaultValue = "${env:PIDGR_KAFKA_BOOTSTRAP_SERVERS}",
            description = "Kafka bootstrap servers (PIDGR_KAFKA_BOOTSTRAP_SERVERS; required).")
    String kafka;

    @Option(
            names = "--namespace",
            defaultValue = "${env:PIDGR_NAMESPACE:-}",
            description = "Topic-name and application-id prefix (PIDGR_NAMESPACE; default none).")
    String namespace;

    @Option(
            names = "--partitions",
            defaultValue = "${env:PIDGR_PARTITIONS:-6}",
            description = "Partitions of topics created at start (PIDGR_PARTITIONS; default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--replication-factor",
            defaultValue = "${env:PIDGR_REPLICATION_FACTOR:-auto}",
            description = "Replicas of created topics and Streams internals: a number, or auto = min(3, brokers)"
                    + " (PIDGR_REPLICATION_FACTOR; default ${DEFAULT-VALUE}).")
    String replication;

    @Option(
            names = "--min-insync-replicas",
            defaultValue = "${env:PIDGR_MIN_INSYNC_REPLICAS:-auto}",
            description = "Replicas in sync a write needs (min.insync.replicas of created topics): a number, or auto ="
                    + " replication - 1, at least 1 (PIDGR_MIN_INSYNC_REPLICAS; default ${DEFAULT-VALUE}).")
    String minInsync;

    @Option(
            names = "--kafka-property",
            split = "\\R",
            defaultValue = "${env:PIDGR_KAFKA_PROPERTIES:-}",
            description =
                    "role:key=value, a Kafka client or Streams setting for a role's clients (api, command, workflow,"
                            + " query, all), checked against Kafka's own names; repeatable (PIDGR_KAFKA_PROPERTIES: one"
                            + " per line).")
    List<String> kafkaProperties;

    @Mixin
    KafkaSecurityOptions kafkaSecurity;

    @Mixin
    GatewayOptions gateway;

    @Option(
            names = "--state-dir",
            defaultValue = "${env:PIDGR_STATE_DIR:-pidgr-state}",
            description = "Kafka Streams state folder (PIDGR_STATE_DIR; default ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(
            names = "--jdbc-url",
            defaultValue = "${env:PIDGR_JDBC_URL}",
            description = "PostgreSQL JDBC URL (PIDGR_JDBC_URL; required for api and query).")
    String jdbcUrl;

    @Option(
            names = "--jdbc-user",
            defaultValue = "${env:PIDGR_JDBC_USER:-pidgr}",
            description = "PostgreSQL user (PIDGR_JDBC_USER; default ${DEFAULT-VALUE}).")
    String jdbcUser;

    @Option(
            names = "--jdbc-password",
            defaultValue = "${env:PIDGR_JDBC_PASSWORD:-}",
            description = "PostgreSQL password (PIDGR_JDBC_PASSWORD).")
    String jdbcPassword;

    @Option(
            names = "--jdbc-password-file",
            defaultValue = "${env:PIDGR_JDBC_PASSWORD_FILE}",
            description = "File with the PostgreSQL password, instead of --jdbc-password (PIDGR_JDBC_PASSWORD_FILE).")
    Path jdbcPasswordFile;

    @Option(
            names = "--host",
            defaultValue = "${env:PIDGR_HOST:-0.0.0.0}",
            description =
                    "Interface the gRPC port and the metrics endpoint bind (PIDGR_HOST; default ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--grpc-port",
            defaultValue = "${env:PIDGR_GRPC_PORT:-9090}",
            description =
                    "gRPC, gRPC-Web and Connect port of the api role (PIDGR_GRPC_PORT; default ${DEFAULT-VALUE}).")
    int grpcPort;

    @Option(
            names = "--metrics-port",
            defaultValue = "${env:PIDGR_METRICS_PORT:-9464}",
            description = "Prometheus metrics port (PIDGR_METRICS_PORT; default ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(
            names = "--jwks",
            defaultValue = "${env:PIDGR_JWKS}",
            description = "JWKS file or https URL with the token-signing keys (RS256/ES256) (PIDGR_JWKS).")
    String jwks;

    @Option(
            names = "--jwt-issuer",
            defaultValue = "${env:PIDGR_JWT_ISSUER}",
            description = "Required token issuer, with --jwks or HS256 alike (PIDGR_JWT_ISSUER).")
    String issuer;

    @Option(
            names = "--jwt-audience",
            defaultValue = "${env:PIDGR_JWT_AUDIENCE}",
            description = "Required token audience, with --jwks or HS256 alike (PIDGR_JWT_AUDIENCE).")
    String audience;

    @Option(
            names = "--jwt-hs256-secret-file",
            defaultValue = "${env:PIDGR_JWT_HS256_SECRET_FILE}",
            description = "Also accept HS256 tokens signed with this file's secret; only when set"
                    + " (PIDGR_JWT_HS256_SECRET_FILE).")
    Path hs256SecretFile;

    @Option(
            names = "--webhook-secret-file",
            defaultValue = "${env:PIDGR_WEBHOOK_SECRET_FILE}",
            description = "File with the webhook signing secret (PIDGR_WEBHOOK_SECRET_FILE; required for workflow).")
    Path webhookSecretFile;

    @Option(
            names = "--page-token-key-file",
            defaultValue = "${env:PIDGR_PAGE_TOKEN_KEY_FILE}",
            description =
                    "File with the page-token signing key, the same for every api process (PIDGR_PAGE_TOKEN_KEY_FILE;"
                            + " required for api).")
    Path pageTokenKeyFile;

    @Option(
            names = "--allow-insecure-webhooks",
            defaultValue = "${env:PIDGR_ALLOW_INSECURE_WEBHOOKS:-false}",
            description = "Let webhooks use http:// and local addresses (PIDGR_ALLOW_INSECURE_WEBHOOKS; never in"
                    + " production).")
    boolean allowInsecureWebhooks;

    @Option(
            names = "--cors-origins",
            defaultValue = "${env:PIDGR_CORS_ORIGINS:-}",
            description =
                    "Comma-separated origins allowed for gRPC-Web and Connect from browsers, or * (PIDGR_CORS_ORIGINS;"
                            + " default none).")
    String corsOrigins;

    @Option(
            names = "--console",
            defaultValue = "${env:PIDGR_CONSOLE:-false}",
            description =
                    "Serve the web console at /console/ on the api port; it calls the public API with the user's own"
                            + " token (PIDGR_CONSOLE; default ${DEFAULT-VALUE}).")
    boolean console;

    @Option(
            names = "--tls-cert",
            defaultValue = "${env:PIDGR_TLS_CERT}",
            description = "PEM certificate chain: serve TLS (PIDGR_TLS_CERT).")
    Path tlsCert;

    @Option(
            names = "--tls-key",
            defaultValue = "${env:PIDGR_TLS_KEY}",
            description = "PEM PKCS#8 private key for --tls-cert (PIDGR_TLS_KEY).")
    Path tlsKey;

    @Option(
            names = "--max-mutations-in-flight",
            defaultValue = "${env:PIDGR_MAX_MUTATIONS_IN_FLIGHT:-256}",
            description = "Mutations waiting for their command's result at once on this api process; more:"
                    + " RESOURCE_EXHAUSTED (PIDGR_MAX_MUTATIONS_IN_FLIGHT; default ${DEFAULT-VALUE}).")
    int maxMutations;

    @Option(
            names = "--max-mutations-in-flight-per-org",
            defaultValue = "${env:PIDGR_MAX_MUTATIONS_IN_FLIGHT_PER_ORG:-64}",
            description =
                    "The same for one organization (PIDGR_MAX_MUTATIONS_IN_FLIGHT_PER_ORG; default ${DEFAULT-VALUE}).")
    int maxMutationsPerOrg;

    @Option(
            names = "--max-version-waits",
            defaultValue = "${env:PIDGR_MAX_VERSION_WAITS:-64}",
            description =
                    "Reads waiting at once for an x-pidgr-min-version not yet projected, on this api process; more:"
                            + " RESOURCE_EXHAUSTED (PIDGR_MAX_VERSION_WAITS; default ${DEFAULT-VALUE}).")
    int maxVersionWaits;

    @Option(
            names = "--max-version-waits-per-org",
            defaultValue = "${env:PIDGR_MAX_VERSION_WAITS_PER_ORG:-16}",
            description = "The same for one organization (PIDGR_MAX_VERSION_WAITS_PER_ORG; default ${DEFAULT-VALUE}).")
    int maxVersionWaitsPerOrg;

    @Option(
            names = "--command-commit-interval-ms",
            defaultValue = "${env:PIDGR_COMMAND_COMMIT_INTERVAL_MS:-10}",
            description =
                    "Command processor transaction interval; bounds command latency (PIDGR_COMMAND_COMMIT_INTERVAL_MS;"
                            + " default ${DEFAULT-VALUE}).")
    int commandCommitMs;

    @Option(
            names = "--workflow-commit-interval-ms",
            defaultValue = "${env:PIDGR_WORKFLOW_COMMIT_INTERVAL_MS:-100}",
            description = "Workflow processor transaction interval (PIDGR_WORKFLOW_COMMIT_INTERVAL_MS; default"
                    + " ${DEFAULT-VALUE}).")
    int workflowCommitMs;

    @Option(
            names = "--otlp-endpoint",
            defaultValue = "${env:PIDGR_OTLP_ENDPOINT}",
            description = "Turns tracing on: OTLP/HTTP receiver the spans go to, e.g. http://collector:4318"
                    + " (PIDGR_OTLP_ENDPOINT; default none, no tracing).")
    String otlpEndpoint;

    @Option(
            names = "--otlp-service-name",
            defaultValue = "${env:PIDGR_OTLP_SERVICE_NAME:-pidgr}",
            description = "service.name of this process's spans (PIDGR_OTLP_SERVICE_NAME; default ${DEFAULT-VALUE}).")
    String otlpServiceName;

    @Option(
            names = "--trace-sampling-ratio",
            defaultValue = "${env:PIDGR_TRACE_SAMPLING_RATIO:-1.0}",
            description = "Share of new traces kept, 0 to 1; a caller's traceparent decides for its own"
                    + " (PIDGR_TRACE_SAMPLING_RATIO; default ${DEFAULT-VALUE}).")
    double traceSamplingRatio;

    @Override
    public Integer call() throws Exception {
        NodeSettings settings = settings();
        Traces traces = Traces.start(otlpEndpoint, otlpServiceName, traceSamplingRatio, settings.roles());
        if (allowInsecureWebhooks && (settings.runs(Role.COMMAND) || settings.runs(Role.WORKFLOW))) {
            LOG.warn("webhooks may target http:// URLs and loopback or private addresses (--allow-insecure-webhooks)");
        }
        Node node = new Node(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long stopping = System.nanoTime();
            LOG.info("stopping roles {}", settings.roles());
            node.close();
            traces.close();
            LOG.info("stopped roles {} in {} ms", settings.roles(), (System.nanoTime() - stopping) / 1_000_000);
            stopped.countDown();
        }, "pidgr-serve-shutdown"));
        node.start();
        node.awaitReady(Duration.ofDays(365));
        LOG.info("pidgr serve is SERVING roles {}{}; metrics and /ready on port {}", settings.roles(),
                node.grpcPort() > 0 ? " on port " + node.grpcPort() : "", node.metricsPort());
        return node.awaitStop(stopped);
    }

    NodeSettings settings() throws IOException {
        Set<Role> chosen = Role.parse(roles);
        require(kafka, "--kafka (PIDGR_KAFKA_BOOTSTRAP_SERVERS)");
        if (chosen.contains(Role.API) || chosen.contains(Role.QUERY)) {
            require(jdbcUrl, "--jdbc-url (PIDGR_JDBC_URL)");
        }
        if (chosen.contains(Role.API)) {
            if (jwks == null && hs256SecretFile == null) {
                throw new IllegalArgumentException(
                        "the api role needs --jwks (PIDGR_JWKS) or, explicitly, --jwt-hs256-secret-file");
            }
            require(pageTokenKeyFile, "--page-token-key-file (PIDGR_PAGE_TOKEN_KEY_FILE)");
            if (jwks != null && (issuer == null || audience == null)) {
                throw new IllegalArgumentException(
                        "--jwks needs --jwt-issuer (PIDGR_JWT_ISSUER) and --jwt-audience (PIDGR_JWT_AUDIENCE)");
            }
        }
        if (chosen.contains(Role.WORKFLOW)) {
            require(webhookSecretFile, "--webhook-secret-file (PIDGR_WEBHOOK_SECRET_FILE)");
        }
        if (jdbcPasswordFile != null && !jdbcPassword.isEmpty()) {
            throw new IllegalArgumentException("give --jdbc-password or --jdbc-password-file, not both");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        byte[] hs256 =
                hs256SecretFile == null ? null : SecretFiles.read(hs256SecretFile, "--jwt-hs256-secret-file", 32);
        NodeSettings.Auth auth = new NodeSettings.Auth(hs256, jwks, issuer, audience);
        List<String> origins = corsOrigins.isBlank()
                ? List.of()
                : Arrays.stream(corsOrigins.split(",")).map(String::trim).toList();
        String password = jdbcPasswordFile == null
                ? jdbcPassword
                : Files.readString(jdbcPasswordFile, StandardCharsets.UTF_8).strip();
        return new NodeSettings(
                chosen,
                kafka,
                namespace,
                partitions,
                copies("--replication-factor", replication),
                stateDir,
                jdbcUrl,
                jdbcUser,
                password,
                host,
                grpcPort,
                metricsPort,
                auth,
                webhookSecretFile == null ? null : SecretFiles.read(webhookSecretFile, "--webhook-secret-file", 16),
                pageTokenKeyFile == null ? null : SecretFiles.read(pageTokenKeyFile, "--page-token-key-file", 16),
                allowInsecureWebhooks,
                origins,
                tlsCert,
                tlsKey,
                commandCommitMs,
                workflowCommitMs,
                apiLimits(),
                copies("--min-insync-replicas", minInsync),
                KafkaProperties.parse(kafkaProperties == null ? List.of() : kafkaProperties)
                        .withEveryRole(kafkaSecurity.security().clientProperties()),
                console,
                gateway.settings());
    }

    /** A count of replicas, or 0 for "auto" (chosen from the cluster at start). */
    private static short copies(String option, String value) {
        if (value.equalsIgnoreCase("auto")) {
            return 0;
        }
        try {
            short copies = Short.parseShort(value.trim());
            if (copies >= 1) {
                return copies;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(option + " must be auto or a number of at least 1, not " + value);
    }

    private ApiLimits apiLimits() {
        requireLimits(
                "--max-mutations-in-flight", maxMutations, "--max-mutations-in-flight-per-org", maxMutationsPerOrg);
        requireLimits("--max-version-waits", maxVersionWaits, "--max-version-waits-per-org", maxVersionWaitsPerOrg);
        return ApiLimits.DEFAULTS
                .withMutations(maxMutations, maxMutationsPerOrg)
                .withVersionWaits(maxVersionWaits, maxVersionWaitsPerOrg);
    }

    private static void requireLimits(String perServer, int server, String perOrganization, int organization) {
        if (organization < 1 || server < organization) {
            throw new IllegalArgumentException(perOrganization + " (" + organization
                    + ") must be at least 1 and at most " + perServer + " (" + server + ")");
        }
    }

    private static void require(Object value, String what) {
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("missing " + what);
        }
    }
}
