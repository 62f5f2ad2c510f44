package dev.pidgr.app.run;

import com.zaxxer.hikari.HikariDataSource;
import dev.pidgr.app.metrics.KafkaClientMeters;
import dev.pidgr.app.metrics.ProcessorLag;
import dev.pidgr.command.CommandSide;
import dev.pidgr.contract.TopicAdmin;
import dev.pidgr.contract.Topics;
import dev.pidgr.gateway.Gateway;
import dev.pidgr.query.PageTokens;
import dev.pidgr.query.PostgresReads;
import dev.pidgr.query.QueryDataSources;
import dev.pidgr.query.QuerySettings;
import dev.pidgr.query.ProjectionMetrics;
import dev.pidgr.query.QuerySide;
import dev.pidgr.workflow.WorkflowProcessor;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.streams.KafkaStreams;
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
    private final QuerySettings querySettings;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Readiness readiness = new Readiness();
    private final ScheduledExecutorService meterRefresh = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("pidgr-meter-refresh").factory());
    private Replication replication;
    private HikariDataSource queryPool;
    private QuerySide query;
    private ApiRole api;
    private MetricsEndpoint metrics;

    public Node(NodeSettings settings) {
        this.settings = settings;
        this.topics = Topics.withNamespace(settings.namespace());
        this.querySettings = QuerySettings.defaults(
                settings.pageTokenKey() != null ? settings.pageTokenKey() : unusedPageTokenKey());
    }

    /** Starts every role of this node; returns once each is started (not necessarily ready: see {@link #isReady()}). */
    public void start() throws Exception {
        remember(NodeMeters.bindJvm(registry));
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
        if (settings.runs(Role.GATEWAY)) {
            startGateway();
        }
        if (settings.runs(Role.API)) {
            startApi();
        }
        metrics = remember(MetricsEndpoint.start(settings.grpcHost(), settings.metricsPort(), registry, this::isReady));
        NodeMeters.bindReadiness(registry, this::isReady);
        readiness.allStarted();
        LOG.info(
                "pidgr roles {} started; metrics on http://{}:{}/metrics",
                settings.roles(),
                settings.grpcHost(),
                metrics.port());
    }

    /**
     * True once every role of this node has become ready (a processor's later rebalances do not
     * count against it) and none has failed: the health service and {@code /ready} follow this.
     */
    public boolean isReady() {
        return readiness.isReady();
    }

    /**
     * Waits until {@link #isReady()}, saying every 30 s which roles it still waits for. Throws when a
     * role fails meanwhile or {@code timeout} passes.
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        readiness.await(timeout);
    }

    /**
     * Blocks until {@code stopped} is counted down (returns 0) or a role fails for good (logs why and
     * returns 1, so the process exits and its supervisor restarts it).
     */
    public int awaitStop(CountDownLatch stopped) throws InterruptedException {
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            Optional<String> failure = failure();
            if (failure.isPresent()) {
                LOG.error("{}: stopping the process", failure.get());
                return 1;
            }
        }
        return 0;
    }

    /** Why a role stopped for good (a processor's stream threads died), if one did; the process should exit then. */
    public Optional<String> failure() {
        return readiness.failure();
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

    /**
     * Chooses the replication from the cluster when it was not given, creates the missing topics with
     * it, and reports (without changing them) topics that exist with fewer copies than that.
     */
    private void createTopics() throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        // Whatever admin settings were given for any role (security, typically), so this client reaches a secured
        // cluster.
        for (Role role : Role.values()) {
            settings.kafkaProperties().of(role).forEach((key, value) -> {
                if (AdminClientConfig.configNames().contains(key)) {
                    admin.put(key, value);
                }
            });
        }
        try (Admin client = Admin.create(admin)) {
            int brokers = brokers(client);
            replication = Replication.resolve(settings.replicationFactor(), settings.minInsyncReplicas(), brokers);
            TopicAdmin.ensureTopics(
                    client, topics, settings.partitions(), replication.factor(), replication.minInsync());
            TopicAdmin.underReplicated(client, topics.prefix() + "pidgr", replication.factor())
                    .forEach((topic, copies) -> LOG.warn(
                            "topic {} keeps {} replica(s), fewer than the {} asked (--replication-factor): it is used"
                                    + " as it is; add replicas with kafka-reassign-partitions",
                            topic,
                            copies,
                            replication.factor()));
            LOG.info(
                    "{} broker(s): topics with {} replica(s), {} in sync required for a write",
                    brokers,
                    replication.factor(),
                    replication.minInsync());
        }
    }

    /** The brokers in the cluster; a refused login or a listener that does not answer is said plainly. */
    private int brokers(Admin client) throws InterruptedException {
        try {
            return client.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException refused) {
                throw new IllegalStateException(
                        "Kafka at " + settings.bootstrapServers() + " refused pidgr's login: " + refused.getMessage()
                                + " (check --kafka-security-protocol, --kafka-sasl-mechanism,"
                                + " --kafka-sasl-jaas-config-file and --kafka-truststore)",
                        refused);
            }
            throw new IllegalStateException(
                    "Kafka at " + settings.bootstrapServers() + " could not be asked for its brokers: " + e.getCause(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka at " + settings.bootstrapServers() + " did not answer within 30 s (is it running, and is"
                            + " --kafka-security-protocol the protocol of that listener?)",
                    e);
        }
    }

    private void startQuery() throws Exception {
        queryPool = remember(QueryDataSources.pool(
                settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword(), 10, "pidgr-query", registry));
        Properties consumer = new Properties();
        consumer.put("bootstrap.servers", settings.bootstrapServers());
        consumer.putAll(KafkaClientMeters.clientConfig(registry));
        consumer.putAll(settings.kafkaProperties().of(Role.QUERY));
        query = remember(new QuerySide(queryPool, consumer, topics, querySettings));
        query.start();
        ProjectionMetrics.bind(registry, query::lag);
        readiness.role(Role.QUERY, query::isReady);
    }

    private void startCommand() {
        CommandSide command = remember(Processors.command(settings, replication, topics));
        bindProcessor(Role.COMMAND, "command", command.streams());
        command.start();
    }

    private void startWorkflow() {
        WorkflowProcessor workflow = remember(Processors.workflow(settings, replication, topics, registry));
        bindProcessor(Role.WORKFLOW, "workflow", workflow.streams());
        workflow.start();
    }

    /** The channel gateway: reads the device events to their end, then delivers push requests. */
    private void startGateway() throws InterruptedException {
        Gateway gateway = remember(GatewayRole.create(settings, topics, registry));
        gateway.start(Duration.ofMinutes(5));
        readiness.role(Role.GATEWAY, gateway::isReady);
        readiness.failing(gateway::failure);
        LOG.info("gateway delivers on {}", gateway.channels());
    }

    /**
     * The Kafka Streams binder (looking for new meters, a thread's or a partition's, every 10 s
     * rather than every minute), the processor's lag, and its part in readiness.
     */
    private void bindProcessor(Role role, String name, KafkaStreams streams) {
        remember(new KafkaStreamsMetrics(streams, List.of(), meterRefresh, Duration.ofSeconds(10))).bindTo(registry);
        ProcessorLag.bind(registry, name, streams);
        readiness.processor(role, name, streams);
    }

    private void startApi() {
        // The api reads through a pool of its own, also beside the query role: its statements end with
        // the longest deadline a read may have, and projector batches and reads never wait for each other.
        HikariDataSource pool = remember(QueryDataSources.readPool(
                settings.jdbcUrl(),
                settings.jdbcUser(),
                settings.jdbcPassword(),
                10,
                "pidgr-api-reads",
                settings.apiLimits().maxCallDeadline(),
                registry));
        PostgresReads reads = new PostgresReads(pool, new PageTokens(settings.pageTokenKey()), querySettings.schema());
        api = remember(
                ApiRole.start(settings, topics, registry, reads, pool, querySettings.notifyChannel(), this::isReady));
        readiness.role(Role.API, api::isReady);
    }

    /** A process without the api signs no page tokens, but the query side wants a key: a random one. */
    private static byte[] unusedPageTokenKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private <T extends AutoCloseable> T remember(T resource) {
        started.push(resource);
        return resource;
    }

    /** Stops the roles in reverse order of start. */
    @Override
    public void close() {
        readiness.closing();
        Resources.closeAll(started, LOG);
        meterRefresh.shutdownNow();
    }
}
