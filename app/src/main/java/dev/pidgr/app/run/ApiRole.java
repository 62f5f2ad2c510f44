package dev.pidgr.app.run;

import dev.pidgr.api.gateway.CommandGateway;
import dev.pidgr.api.inbox.KafkaInteractionPublisher;
import dev.pidgr.api.server.ApiServer;
import dev.pidgr.app.metrics.KafkaClientMeters;
import dev.pidgr.contract.Topics;
import dev.pidgr.query.PostgresReads;
import dev.pidgr.query.ProjectionWaiter;
import dev.pidgr.query.QuerySettings;
import dev.pidgr.query.ReadFailedException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The api role: the command gateway, the interaction publisher and the gRPC server on the
 * projections' reads. It never migrates the database: a process without the query role waits
 * (not ready) until a query role has created the schema.
 */
final class ApiRole implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRole.class);
    private static final String NO_SUCH_CAMPAIGN = "00000000-0000-0000-0000-000000000000";

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final PostgresReads reads;
    private CommandGateway gateway;
    private ApiServer server;
    private volatile boolean readsAvailable;

    private ApiRole(PostgresReads reads) {
        this.reads = reads;
    }

    /**
     * Starts the api on {@code reads} (over {@code pool}, which also holds the connection listening on
     * {@code projectionChannel} for read-your-writes).
     * {@code nodeReady} drives the health service: SERVING only while every role of the process is ready.
     */
    static ApiRole start(
            NodeSettings settings,
            Topics topics,
            MeterRegistry registry,
            PostgresReads reads,
            DataSource pool,
            String projectionChannel,
            BooleanSupplier nodeReady) {
        ApiRole role = new ApiRole(reads);
        try {
            role.startServer(settings, topics, registry, pool, projectionChannel, nodeReady);
        } catch (RuntimeException e) {
            role.close();
            throw e;
        }
        return role;
    }

    private void startServer(
            NodeSettings settings,
            Topics topics,
            MeterRegistry registry,
            DataSource pool,
            String projectionChannel,
            BooleanSupplier nodeReady) {
        Map<String, Object> clientMeters = new java.util.HashMap<>(KafkaClientMeters.clientConfig(registry));
        clientMeters.putAll(settings.kafkaProperties().of(Role.API));
        gateway = keep(CommandGateway.create(settings.bootstrapServers(), topics, registry, clientMeters));
        gateway.start();
        KafkaInteractionPublisher interactions =
                keep(KafkaInteractionPublisher.create(settings.bootstrapServers(), topics, clientMeters));
        ProjectionWaiter waiter = keep(new ProjectionWaiter(pool, reads, projectionChannel));
        ApiServer.Builder builder = ApiServer.builder()
                .host(settings.grpcHost())
                .port(settings.grpcPort())
                .tokenVerifier(TokenVerifiers.of(settings.auth()))
                .gateway(gateway)
                .interactions(interactions)
                .campaignReads(reads)
                .templateReads(reads)
                .inboxReads(reads)
                .deviceReads(reads)
                .positions(reads)
                .projectionWait(waiter::await)
                .readiness(nodeReady)
                .meterRegistry(registry)
                .limits(settings.apiLimits())
                .corsOrigins(settings.corsOrigins());
        if (settings.tlsCertificate() != null) {
            builder.tls(settings.tlsCertificate(), settings.tlsPrivateKey());
        }
        if (settings.console()) {
            builder.console(new ConsoleStatus(settings, registry, pool, QuerySettings.DEFAULT_SCHEMA, nodeReady));
        }
        server = keep(builder.build());
        server.start();
    }

    /** Commands can be sent (the results listener is positioned) and the projections' schema exists. */
    boolean isReady() {
        return gateway.isReady() && readsAvailable();
    }

    private boolean readsAvailable() {
        if (!readsAvailable) {
            try {
                reads.campaignVersion(NO_SUCH_CAMPAIGN);
                readsAvailable = true;
            } catch (ReadFailedException e) {
                LOG.debug("projections not readable yet (has a query role migrated the database?): {}", e.getMessage());
            }
        }
        return readsAvailable;
    }

    int port() {
        return server == null ? -1 : server.port();
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.push(resource);
        return resource;
    }

    /** Stops the server first (running calls finish), then what it used. */
    @Override
    public void close() {
        Resources.closeAll(resources, LOG);
    }
}
