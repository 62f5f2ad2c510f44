package dev.pidgr.app.run;

import com.zaxxer.hikari.HikariDataSource;
import dev.pidgr.api.auth.HmacTokenVerifier;
import dev.pidgr.api.auth.JwksTokenVerifier;
import dev.pidgr.api.auth.TokenVerifier;
import dev.pidgr.api.gateway.CommandGateway;
import dev.pidgr.api.inbox.KafkaInteractionPublisher;
import dev.pidgr.api.server.ApiServer;
import dev.pidgr.command.CommandSettings;
import dev.pidgr.command.CommandSide;
import dev.pidgr.contract.TopicAdmin;
import dev.pidgr.contract.Topics;
import dev.pidgr.query.PageTokens;
import dev.pidgr.query.PostgresReads;
import dev.pidgr.query.QueryDataSources;
import dev.pidgr.query.QuerySettings;
import dev.pidgr.query.QuerySide;
import dev.pidgr.workflow.WorkflowProcessor;
import dev.pidgr.workflow.WorkflowSettings;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pidgr process: the roles of {@link NodeSettings#roles()} started in dependency order on the
 * given Kafka and PostgreSQL, with one metrics endpoint. Dev mode runs every role in one Node;
 * {@code pidgr serve --roles ...} runs any subset.
 */
public final class Node implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final NodeSettings settings;
    private final Topics topics;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private QuerySide query;
    private CommandSide command;
    private WorkflowProcessor workflow;
    private CommandGateway gateway;
    private ApiServer api;
    private MetricsEndpoint metrics;

    public Node(NodeSettings settings) {
        this.settings = settings;
        this.topics = Topics.withNamespace(settings.namespace());
    }

    /** Starts every role of this node; returns once each is started (not necessarily ready: see {@link #isReady()}). */
    public void start() throws Exception {
        bindJvmMetrics();
        createTopics();
        if (settings.runs(Role.QUERY)) {
            startQuery();
        }
        if (settings.runs(Role.COMMAND)) {
            startCommand();
        }
        if (settings.runs(Role.WORKFLOW)) {
            startWorkflow();
        }
        if (settings.runs(Role.API)) {
            startApi();
        }
        metrics = remember(MetricsEndpoint.start(settings.grpcHost(), settings.metricsPort(), registry));
        LOG.info("pidgr roles {} started; metrics on http://{}:{}/metrics", settings.roles(), settings.grpcHost(), metrics.port());
    }

    /** True once every role of this node serves: the health service reports SERVING from then on. */
    public boolean isReady() {
        return (query == null || query.isReady())
                && (command == null || command.isReady())
                && (workflow == null || workflow.isReady())
                && (gateway == null || gateway.isReady());
    }

    public int grpcPort() {
        return api == null ? -1 : api.port();
    }

    public int metricsPort() {
        return metrics == null ? -1 : metrics.port();
    }

    public Topics topics() {
        return topics;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The running query role, or null when this node does not run it. */
    public QuerySide query() {
        return query;
    }

    private void createTopics() throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        try (Admin client = Admin.create(admin)) {
            TopicAdmin.ensureTopics(client, topics, settings.partitions(), settings.replicationFactor());
        }
    }

    private void startQuery() throws Exception {
        HikariDataSource pool = remember(QueryDataSources.pool(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword(), 10, "pidgr-query"));
        Properties consumer = new Properties();
        consumer.put("bootstrap.servers", settings.bootstrapServers());
        query = remember(new QuerySide(pool, consumer, topics, QuerySettings.defaults(settings.pageTokenKey())));
        query.start();
    }

    private void startCommand() {
        CommandSettings commandSettings = CommandSettings.defaults().withAllowInsecureWebhooks(settings.allowInsecureWebhooks());
        command = remember(new CommandSide(StreamsBase.of(settings, "command", settings.commandCommitIntervalMs()), topics, commandSettings));
        new KafkaStreamsMetrics(command.streams()).bindTo(registry);
        command.start();
    }

    private void startWorkflow() {
        WorkflowSettings workflowSettings = WorkflowSettings.defaults()
                .withAllowInsecureWebhooks(settings.allowInsecureWebhooks())
                .withWebhookSecret(settings.webhookSecret());
        workflow = remember(new WorkflowProcessor(StreamsBase.of(settings, "workflow", settings.workflowCommitIntervalMs()), topics, workflowSettings));
        new KafkaStreamsMetrics(workflow.streams()).bindTo(registry);
        workflow.start();
    }

    private void startApi() {
        gateway = remember(CommandGateway.create(settings.bootstrapServers(), topics, registry, Map.of()));
        gateway.start();
        KafkaInteractionPublisher interactions = remember(KafkaInteractionPublisher.create(settings.bootstrapServers(), topics, Map.of()));
        PostgresReads reads = query != null ? query.reads() : apiReads();
        BooleanSupplier ready = this::isReady;
        ApiServer.Builder builder = ApiServer.builder()
                .port(settings.grpcPort())
                .tokenVerifier(tokenVerifier())
                .gateway(gateway)
                .interactions(interactions)
                .campaignReads(reads)
                .templateReads(reads)
                .inboxReads(reads)
                .positions(reads)
                .readiness(ready)
                .meterRegistry(registry)
                .corsOrigins(settings.corsOrigins());
        if (settings.tlsCertificate() != null) {
            builder.tls(settings.tlsCertificate(), settings.tlsPrivateKey());
        }
        api = remember(builder.build());
        api.start();
    }

    /** An api without the query role in the same process reads the projections through its own pool. */
    private PostgresReads apiReads() {
        HikariDataSource pool = remember(QueryDataSources.pool(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword(), 10, "pidgr-api-reads"));
        return new PostgresReads(pool, new PageTokens(settings.pageTokenKey()));
    }

    private TokenVerifier tokenVerifier() {
        NodeSettings.Auth auth = settings.auth();
        if (auth.jwksLocation() != null) {
            JwksTokenVerifier.Builder jwks = JwksTokenVerifier.builder().issuer(auth.issuer()).audience(auth.audience());
            String location = auth.jwksLocation();
            try {
                jwks = location.startsWith("http://") || location.startsWith("https://")
                        ? jwks.jwksUrl(java.net.URI.create(location).toURL())
                        : jwks.jwksFile(java.nio.file.Path.of(location));
            } catch (java.net.MalformedURLException e) {
                throw new IllegalArgumentException("not a valid JWKS URL: " + location, e);
            }
            if (auth.hs256Secret() != null) {
                jwks = jwks.allowHs256(auth.hs256Secret());
            }
            return jwks.build();
        }
        return HmacTokenVerifier.of(auth.hs256Secret());
    }

    private void bindJvmMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    private <T extends AutoCloseable> T remember(T resource) {
        started.push(resource);
        return resource;
    }

    /** Stops the roles in reverse order of start. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
