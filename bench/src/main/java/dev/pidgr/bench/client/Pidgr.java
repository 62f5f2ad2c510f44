package dev.pidgr.bench.client;

import dev.pidgr.api.auth.DevTokens;
import dev.pidgr.api.auth.Permission;
import dev.pidgr.api.v1.ActionServiceGrpc;
import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.DeviceServiceGrpc;
import dev.pidgr.api.v1.TemplateServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The harness as a gRPC client of the dev server: a manager's token for campaigns and templates, and
 * recipients' tokens (minted with the server's dev secret) for their actions.
 */
public final class Pidgr implements AutoCloseable {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final int MAX_MESSAGE = 64 * 1024 * 1024;

    private final ManagedChannel channel;
    private final DevTokens tokens;
    private final String organization;
    private final Metadata manager;

    public Pidgr(String target, byte[] secret, String organization) {
        this.channel = NettyChannelBuilder.forTarget(target).usePlaintext().maxInboundMessageSize(MAX_MESSAGE).build();
        this.tokens = new DevTokens(secret, Clock.systemUTC());
        this.organization = organization;
        this.manager = bearer(tokens.issue("bench-manager", organization,
                List.of(Permission.MANAGE_CAMPAIGNS, Permission.MANAGE_TEMPLATES), Duration.ofHours(12)));
    }

    public CampaignServiceGrpc.CampaignServiceBlockingStub campaigns(Duration deadline) {
        return prepare(CampaignServiceGrpc.newBlockingStub(channel), manager, deadline);
    }

    public CampaignServiceGrpc.CampaignServiceFutureStub campaignsAsync(Duration deadline) {
        return prepare(CampaignServiceGrpc.newFutureStub(channel), manager, deadline);
    }

    public TemplateServiceGrpc.TemplateServiceBlockingStub templates(Duration deadline) {
        return prepare(TemplateServiceGrpc.newBlockingStub(channel), manager, deadline);
    }

    /** A recipient's token (no permissions), as their app would hold it. */
    public String recipientToken(String userId) {
        return tokens.issue(userId, organization, List.of(), Duration.ofHours(12));
    }

    /** ActionService as the recipient whose token this is. */
    public ActionServiceGrpc.ActionServiceFutureStub actionsAs(String recipientToken, Duration deadline) {
        return prepare(ActionServiceGrpc.newFutureStub(channel), bearer(recipientToken), deadline);
    }

    /** DeviceService as the recipient whose token this is (to give them an email address). */
    public DeviceServiceGrpc.DeviceServiceBlockingStub devicesAs(String recipientToken, Duration deadline) {
        return prepare(DeviceServiceGrpc.newBlockingStub(channel), bearer(recipientToken), deadline);
    }

    private static Metadata bearer(String token) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        return headers;
    }

    private static <S extends AbstractStub<S>> S prepare(S stub, Metadata headers, Duration deadline) {
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .withMaxOutboundMessageSize(MAX_MESSAGE);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
