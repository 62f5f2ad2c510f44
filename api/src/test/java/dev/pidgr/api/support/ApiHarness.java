package dev.pidgr.api.support;

import com.linecorp.armeria.client.grpc.GrpcClients;
import dev.pidgr.api.gateway.CommandGateway;
import dev.pidgr.api.inbox.KafkaInteractionPublisher;
import dev.pidgr.api.server.ApiServer;
import dev.pidgr.contract.TopicAdmin;
import dev.pidgr.contract.Topics;
import dev.pidgr.embedded.SharedTestInfra;
import io.grpc.stub.AbstractStub;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real api server on a free port, with a real gateway and interaction publisher on the shared
 * embedded broker (its own topic namespace), a command responder in place of the command side and
 * {@link InMemoryReads} in place of the projection.
 */
public final class ApiHarness implements AutoCloseable {

    public final Topics topics = Topics.withNamespace(SharedTestInfra.newNamespace());
    public final InMemoryReads reads = new InMemoryReads();
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final AtomicBoolean ready = new AtomicBoolean(true);
    public final CommandGateway gateway;
    public final KafkaInteractionPublisher interactions;
    public final CommandResponder responder;
    public final ApiServer server;
    public final String bootstrapServers = SharedTestInfra.kafka().bootstrapServers();

    public ApiHarness() throws Exception {
        this(builder -> {
        });
    }

    /** A harness whose server is built with {@code customize} applied last (another verifier, limits ...). */
    public ApiHarness(Consumer<ApiServer.Builder> customize) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicAdmin.ensureTopics(admin, topics, 2, (short) 1);
        }
        gateway = CommandGateway.create(bootstrapServers, topics, registry, Map.of());
        gateway.start();
        if (!gateway.awaitReady(Duration.ofSeconds(60))) {
            throw new IllegalStateException("gateway not ready");
        }
        interactions = KafkaInteractionPublisher.create(bootstrapServers, topics, Map.of());
        responder = new CommandResponder(bootstrapServers, topics);
        ApiServer.Builder builder = ApiServer.builder()
                .port(0)
                .tokenVerifier(TestTokens.verifier())
                .gateway(gateway)
                .interactions(interactions)
                .campaignReads(reads)
                .templateReads(reads)
                .inboxReads(reads)
                .deviceReads(reads)
                .positions(reads)
                .readiness(ready::get)
                .meterRegistry(registry)
                .corsOrigins(List.of("*"));
        customize.accept(builder);
        server = builder.build();
        server.start();
    }

    public String uri() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A blocking stub over native gRPC (HTTP/2) sending {@code authorization: Bearer token} (none when null). */
    public <T extends AbstractStub<T>> T stub(Class<T> type, String token) {
        var builder = GrpcClients.builder(uri()).maxResponseLength(0).responseTimeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.addHeader("authorization", "Bearer " + token);
        }
        return builder.build(type);
    }

    @Override
    public void close() throws Exception {
        server.close();
        responder.close();
        interactions.close();
        gateway.close();
    }
}
