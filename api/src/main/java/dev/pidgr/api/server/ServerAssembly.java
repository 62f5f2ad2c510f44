package dev.pidgr.api.server;

import com.google.protobuf.InvalidProtocolBufferException;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.RequestContext;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.cors.CorsService;
import com.linecorp.armeria.server.cors.CorsServiceBuilder;
import com.linecorp.armeria.server.grpc.GrpcHealthCheckService;
import com.linecorp.armeria.server.grpc.GrpcService;
import com.linecorp.armeria.server.grpc.GrpcServiceBuilder;
import dev.pidgr.api.campaign.CampaignGrpcService;
import dev.pidgr.api.connect.ConnectService;
import dev.pidgr.api.console.ConsoleFiles;
import dev.pidgr.api.console.OperationsEndpoint;
import dev.pidgr.api.consistency.PollingProjectionWait;
import dev.pidgr.api.consistency.ReadYourWrites;
import dev.pidgr.api.consistency.WriteTracker;
import dev.pidgr.api.device.DeviceGrpcService;
import dev.pidgr.api.gateway.CommandMetadataFactory;
import dev.pidgr.api.gateway.Mutations;
import dev.pidgr.api.grpc.AuthInterceptor;
import dev.pidgr.api.grpc.CallDeadlines;
import dev.pidgr.api.grpc.CallSetupInterceptor;
import dev.pidgr.api.grpc.ConcurrencyLimit;
import dev.pidgr.api.grpc.ErrorMappingInterceptor;
import dev.pidgr.api.grpc.MetricsInterceptor;
import dev.pidgr.api.grpc.PermissionInterceptor;
import dev.pidgr.api.grpc.RequestValidation;
import dev.pidgr.api.grpc.ValidationInterceptor;
import dev.pidgr.api.inbox.ActionGrpcService;
import dev.pidgr.api.inbox.InboxGrpcService;
import dev.pidgr.api.template.TemplateGrpcService;
import dev.pidgr.contract.Limits;
import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Wires the services, interceptors, health, reflection, CORS and transports of an {@link ApiServer}. */
final class ServerAssembly {

    static final List<String> ALLOWED_HEADERS = List.of("authorization", "content-type", "x-grpc-web", "x-user-agent",
            "grpc-timeout", "connect-protocol-version", "connect-timeout-ms", "idempotency-key", "x-pidgr-min-version");
    static final List<String> EXPOSED_HEADERS = List.of("grpc-status", "grpc-message", "grpc-status-details-bin",
            "x-pidgr-version");

    private final ApiServer.Builder b;
    private final RequestValidation validation = new RequestValidation();
    private final ReadYourWrites readYourWrites;
    private final Mutations mutations;
    private final ReadinessHealth health;
    private final CallDeadlines deadlines;
    private final ConcurrencyLimit requestBytes;

    private ServerAssembly(ApiServer.Builder b) {
        this.b = b;
        // One tracker per server: writes through either service are seen by reads of both.
        this.readYourWrites = new ReadYourWrites(
                new WriteTracker(b.clock),
                b.positions,
                b.projectionWait != null ? b.projectionWait : new PollingProjectionWait(b.clock),
                b.clock,
                new ConcurrencyLimit(
                        "version_waits",
                        "reads waiting for x-pidgr-min-version",
                        b.limits.versionWaitsPerServer(),
                        b.limits.versionWaitsPerOrganization(),
                        b.meterRegistry));
        this.mutations = new Mutations(b.gateway, new CommandMetadataFactory(b.clock), readYourWrites,
                new ConcurrencyLimit("mutations", "mutations in flight", b.limits.mutationsPerServer(),
                        b.limits.mutationsPerOrganization(), b.meterRegistry));
        this.deadlines = new CallDeadlines(b.limits.maxMutationDeadline(), b.limits.maxCallDeadline());
        this.requestBytes = new ConcurrencyLimit(
                "request_bytes",
                "request bytes in service",
                b.limits.requestBytesPerServer(),
                b.limits.requestBytesPerOrganization(),
                b.meterRegistry);
        this.health = new ReadinessHealth(b.readiness);
    }

    static ApiServer assemble(ApiServer.Builder b) {
        requireAll(b);
        ServerAssembly assembly = new ServerAssembly(b);
        return new ApiServer(assembly.server(), assembly.health);
    }

    private Server server() {
        List<ServerServiceDefinition> ours = List.of(
                intercepted(new CampaignGrpcService(
                        mutations, b.campaignReads, b.templateReads, readYourWrites, b.clock)),
                intercepted(new TemplateGrpcService(mutations, b.templateReads, readYourWrites)),
                intercepted(new InboxGrpcService(b.inboxReads, b.interactions, b.clock)),
                intercepted(new ActionGrpcService(b.inboxReads, b.interactions, b.clock)),
                intercepted(new DeviceGrpcService(mutations, b.deviceReads, readYourWrites)));
        GrpcServiceBuilder builder = GrpcService.builder();
        ours.forEach(builder::addService);
        GrpcService grpc = builder
                .addService(health())
                .addService(ProtoReflectionServiceV1.newInstance())
                .maxRequestMessageLength(Limits.MAX_REQUEST_BYTES)
                .exceptionHandler(ServerAssembly::unparsableRequest)
                .useBlockingTaskExecutor(true)
                .build();
        ServerBuilder server = Server.builder();
        InetSocketAddress address =
                b.host == null ? new InetSocketAddress(b.port) : new InetSocketAddress(b.host, b.port);
        if (b.tlsCertificate != null) {
            server.https(address).tls(b.tlsCertificate.toFile(), b.tlsKey.toFile());
        } else {
            server.http(address);
        }
        // gRPC-Web text frames are base64 (4/3 larger), so the transport limit leaves room above the message limit.
        server.maxRequestLength(Limits.MAX_REQUEST_BYTES / 3L * 4 + 1024)
                // Until a call's own deadline is known (a unary request is read in full before the gRPC service
                // sees it), the longest deadline any call may get, so that a large CreateCampaign on a slow
                // link is not cut short; a request that is still arriving then gets DEADLINE_EXCEEDED.
                .requestTimeout(b.limits.maxMutationDeadline().plus(CallSetupInterceptor.TRANSPORT_MARGIN))
                .errorHandler(new GrpcRequestTimeouts())
                .meterRegistry(b.meterRegistry)
                .gracefulShutdownTimeout(Duration.ofMillis(500), Duration.ofSeconds(10));
        if (b.blockingThreads > 0) {
            server.blockingTaskExecutor(b.blockingThreads);
        }
        // Innermost first: Connect calls become gRPC-Web calls of the same service, after their bytes were weighed.
        if (b.corsOrigins.isEmpty()) {
            server.service(
                    grpc,
                    ConnectService.decorator(ours),
                    delegate -> new RequestBytes(delegate, b.tokenVerifier, requestBytes));
        } else {
            server.service(
                    grpc,
                    ConnectService.decorator(ours),
                    delegate -> new RequestBytes(delegate, b.tokenVerifier, requestBytes),
                    cors(b.corsOrigins).newDecorator());
        }
        if (b.console) {
            server.service(OperationsEndpoint.PATH, new OperationsEndpoint(b.tokenVerifier, b.operations));
            server.serviceUnder(ConsoleFiles.PATH, ConsoleFiles.files());
            server.service("/console", ConsoleFiles.redirect());
        }
        return server.build();
    }

    /**
     * Request bytes that are no valid message are malformed input (INVALID_ARGUMENT), not the INTERNAL
     * grpc-java's marshaller reports for them. Anything else falls through to Armeria's mapping.
     */
    private static Status unparsableRequest(RequestContext ctx, Status status, Throwable cause, Metadata metadata) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof InvalidProtocolBufferException) {
                return Status.INVALID_ARGUMENT.withDescription(
                        "the request is not a valid protobuf message of this RPC: " + t.getMessage());
            }
        }
        return null;
    }

    /** Our interceptors on our services only: health and reflection stay open. Listed outermost first. */
    private ServerServiceDefinition intercepted(BindableService service) {
        List<ServerInterceptor> chain = List.of(
                new MetricsInterceptor(b.meterRegistry),
                new CallSetupInterceptor(b.clock, deadlines),
                new AuthInterceptor(b.tokenVerifier),
                new PermissionInterceptor(),
                new ValidationInterceptor(validation),
                new ErrorMappingInterceptor());
        return ServerInterceptors.interceptForward(service, chain);
    }

    private GrpcHealthCheckService health() {
        return GrpcHealthCheckService.builder().checkers(health.checker()).build();
    }

    private static CorsServiceBuilder cors(List<String> origins) {
        CorsServiceBuilder cors =
                origins.contains("*") ? CorsService.builderForAnyOrigin() : CorsService.builder(origins);
        return cors.allowRequestMethods(HttpMethod.POST)
                .allowRequestHeaders(ALLOWED_HEADERS)
                .exposeHeaders(EXPOSED_HEADERS)
                .maxAge(Duration.ofDays(1));
    }

    private static void requireAll(ApiServer.Builder b) {
        Objects.requireNonNull(b.tokenVerifier, "tokenVerifier");
        Objects.requireNonNull(b.gateway, "gateway");
        Objects.requireNonNull(b.interactions, "interactions");
        Objects.requireNonNull(b.campaignReads, "campaignReads");
        Objects.requireNonNull(b.templateReads, "templateReads");
        Objects.requireNonNull(b.inboxReads, "inboxReads");
        Objects.requireNonNull(b.deviceReads, "deviceReads");
        Objects.requireNonNull(b.positions, "positions");
        Objects.requireNonNull(b.readiness, "readiness");
        Objects.requireNonNull(b.meterRegistry, "meterRegistry");
        if (b.console) {
            Objects.requireNonNull(b.operations, "operations");
        }
        if ((b.tlsCertificate == null) != (b.tlsKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate and a key");
        }
    }
}
