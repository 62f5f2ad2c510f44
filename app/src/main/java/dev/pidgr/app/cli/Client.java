package dev.pidgr.app.cli;

import dev.pidgr.api.v1.ActionServiceGrpc;
import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.DeviceServiceGrpc;
import dev.pidgr.api.v1.InboxServiceGrpc;
import dev.pidgr.api.v1.TemplateServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A gRPC connection to a pidgr server with the caller's token on every call. */
public final class Client implements AutoCloseable {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> IDEMPOTENCY_KEY =
            Metadata.Key.of("idempotency-key", Metadata.ASCII_STRING_MARSHALLER);

    private final ManagedChannel channel;
    private final String token;
    private final Duration timeout;

    Client(String target, boolean tls, String token, Duration timeout) {
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(target).maxInboundMessageSize(64 * 1024 * 1024);
        this.channel = (tls ? builder.useTransportSecurity() : builder.usePlaintext()).build();
        this.token = token;
        this.timeout = timeout;
    }

    public CampaignServiceGrpc.CampaignServiceBlockingStub campaigns() {
        return prepare(CampaignServiceGrpc.newBlockingStub(channel), null);
    }

    public CampaignServiceGrpc.CampaignServiceBlockingStub campaigns(String idempotencyKey) {
        return prepare(CampaignServiceGrpc.newBlockingStub(channel), idempotencyKey);
    }

    public TemplateServiceGrpc.TemplateServiceBlockingStub templates(String idempotencyKey) {
        return prepare(TemplateServiceGrpc.newBlockingStub(channel), idempotencyKey);
    }

    public InboxServiceGrpc.InboxServiceBlockingStub inbox() {
        return prepare(InboxServiceGrpc.newBlockingStub(channel), null);
    }

    public ActionServiceGrpc.ActionServiceBlockingStub actions() {
        return prepare(ActionServiceGrpc.newBlockingStub(channel), null);
    }

    public DeviceServiceGrpc.DeviceServiceBlockingStub devices() {
        return prepare(DeviceServiceGrpc.newBlockingStub(channel), null);
    }

    private <S extends AbstractStub<S>> S prepare(S stub, String idempotencyKey) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        if (idempotencyKey != null && !idempotencyKey.isEmpty()) {
            headers.put(IDEMPOTENCY_KEY, idempotencyKey);
        }
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .withMaxOutboundMessageSize(64 * 1024 * 1024);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
    }
}
