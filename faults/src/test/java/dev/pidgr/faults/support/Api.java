package dev.pidgr.faults.support;

import dev.pidgr.api.auth.DevTokens;
import dev.pidgr.api.auth.Permission;
import dev.pidgr.api.v1.ActionServiceGrpc;
import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.DeviceServiceGrpc;
import dev.pidgr.api.v1.InboxServiceGrpc;
import dev.pidgr.api.v1.TemplateServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC client of one api address with tokens of one organization: stubs that carry a bearer
 * token (and any extra headers) and a deadline.
 */
public final class Api implements AutoCloseable {

    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    public static final Duration DEADLINE = Duration.ofSeconds(30);

    public final String organization;
    public final ManagedChannel channel;
    private final DevTokens tokens = new DevTokens(Deployment.JWT_SECRET, Clock.systemUTC());

    public Api(int port, String organization) {
        this.organization = organization;
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                .maxInboundMessageSize(64 * 1024 * 1024).build();
    }

    /** A token with every permission in this organization. */
    public String admin() {
        return tokens.issueAdmin("admin", organization);
    }

    /** A recipient's token: no permission, {@code sub} = the audience member's user id. */
    public String recipient(String userId) {
        return tokens.issue(userId, organization, List.of(), Duration.ofHours(2));
    }

    public String token(String userId, Collection<Permission> permissions) {
        return tokens.issue(userId, organization, List.copyOf(permissions), Duration.ofHours(2));
    }

    public CampaignServiceGrpc.CampaignServiceBlockingStub campaigns(String token) {
        return stub(CampaignServiceGrpc.newBlockingStub(channel), token, Map.of(), DEADLINE);
    }

    public TemplateServiceGrpc.TemplateServiceBlockingStub templates(String token) {
        return stub(TemplateServiceGrpc.newBlockingStub(channel), token, Map.of(), DEADLINE);
    }

    public InboxServiceGrpc.InboxServiceBlockingStub inbox(String token) {
        return stub(InboxServiceGrpc.newBlockingStub(channel), token, Map.of(), DEADLINE);
    }

    public ActionServiceGrpc.ActionServiceBlockingStub actions(String token) {
        return stub(ActionServiceGrpc.newBlockingStub(channel), token, Map.of(), DEADLINE);
    }

    public DeviceServiceGrpc.DeviceServiceBlockingStub devices(String token) {
        return stub(DeviceServiceGrpc.newBlockingStub(channel), token, Map.of(), DEADLINE);
    }

    public CampaignServiceGrpc.CampaignServiceBlockingStub campaigns() {
        return campaigns(admin());
    }

    public TemplateServiceGrpc.TemplateServiceBlockingStub templates() {
        return templates(admin());
    }

    /** The standard health service's answer for the whole server. */
    public ServingStatus health() {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService("").build()).getStatus();
    }

    /** {@code stub} with {@code authorization: Bearer token} (none when null), {@code headers}, and a deadline. */
    public static <S extends AbstractStub<S>> S stub(
            S stub, String token, Map<String, String> headers, Duration deadline) {
        Metadata metadata = new Metadata();
        if (token != null) {
            metadata.put(AUTHORIZATION, "Bearer " + token);
        }
        headers.forEach((name, value) -> metadata.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value));
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
