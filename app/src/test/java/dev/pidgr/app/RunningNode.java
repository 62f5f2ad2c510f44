package dev.pidgr.app;

import dev.pidgr.api.auth.DevTokens;
import dev.pidgr.api.auth.Permission;
import dev.pidgr.api.v1.ActionServiceGrpc;
import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.InboxServiceGrpc;
import dev.pidgr.api.v1.TemplateServiceGrpc;
import dev.pidgr.app.run.Node;
import dev.pidgr.app.run.NodeSettings;
import dev.pidgr.app.run.Role;
import dev.pidgr.gateway.GatewaySettings;
import dev.pidgr.embedded.EmbeddedPostgres;
import dev.pidgr.embedded.SharedTestInfra;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every role in one Node, on the shared embedded broker and database (own namespace and database),
 * with a gRPC channel and tokens for tests. Test classes share one through {@link SharedNode}.
 */
final class RunningNode implements AutoCloseable {

    static final byte[] SECRET = "a-test-secret-that-is-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8);
    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    final Node node;
    final NodeSettings settings;
    final ManagedChannel channel;
    final DevTokens tokens = new DevTokens(SECRET, Clock.systemUTC());

    private RunningNode(Node node, NodeSettings settings) {
        this.node = node;
        this.settings = settings;
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", node.grpcPort()).usePlaintext()
                .maxInboundMessageSize(64 * 1024 * 1024).build();
    }

    /** Every role but the channel gateway (without it, deliveries stay SENT until synced). */
    static RunningNode start() throws Exception {
        return start(EnumSet.complementOf(EnumSet.of(Role.GATEWAY)), GatewaySettings.defaults());
    }

    static RunningNode start(Set<Role> roles, GatewaySettings gateway) throws Exception {
        EmbeddedPostgres postgres = SharedTestInfra.postgres();
        String database = SharedTestInfra.newDatabase();
        Path stateDir = Files.createTempDirectory("pidgr-node-");
        NodeSettings settings = new NodeSettings(
                roles,
                SharedTestInfra.kafka().bootstrapServers(),
                SharedTestInfra.newNamespace(),
                3,
                (short) 1,
                stateDir,
                postgres.jdbcUrl(database),
                postgres.user(),
                postgres.password(),
                "127.0.0.1",
                0,
                0,
                NodeSettings.Auth.hs256(SECRET),
                "a-webhook-secret-for-tests".getBytes(StandardCharsets.UTF_8),
                "a-page-token-key-of-32-bytes-ok!".getBytes(StandardCharsets.UTF_8),
                true,
                List.of("*"),
                null,
                null,
                10,
                50).withGateway(gateway);
        Node node = new Node(settings);
        try {
            node.start();
            node.awaitReady(Duration.ofSeconds(120));
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
        return new RunningNode(node, settings);
    }

    String server() {
        return "127.0.0.1:" + node.grpcPort();
    }

    String bootstrapServers() {
        return settings.bootstrapServers();
    }

    String namespace() {
        return settings.namespace();
    }

    String admin(String org) {
        return tokens.issueAdmin("admin-" + org, org);
    }

    String token(String user, String org, Collection<Permission> permissions) {
        return tokens.issue(user, org, List.copyOf(permissions), Duration.ofHours(1));
    }

    String recipient(String user, String org) {
        return token(user, org, List.of());
    }

    CampaignServiceGrpc.CampaignServiceBlockingStub campaigns(String token) {
        return authorized(CampaignServiceGrpc.newBlockingStub(channel), token);
    }

    TemplateServiceGrpc.TemplateServiceBlockingStub templates(String token) {
        return authorized(TemplateServiceGrpc.newBlockingStub(channel), token);
    }

    InboxServiceGrpc.InboxServiceBlockingStub inbox(String token) {
        return authorized(InboxServiceGrpc.newBlockingStub(channel), token);
    }

    ActionServiceGrpc.ActionServiceBlockingStub actions(String token) {
        return authorized(ActionServiceGrpc.newBlockingStub(channel), token);
    }

    static <S extends AbstractStub<S>> S authorized(S stub, String token) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(AUTHORIZATION, "Bearer " + token);
        }
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        node.close();
    }
}
