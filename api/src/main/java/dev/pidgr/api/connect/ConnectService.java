package dev.pidgr.api.connect;

import com.google.protobuf.InvalidProtocolBufferException;
import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.SimpleDecoratingHttpService;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The Connect protocol (connectrpc.com/docs/protocol) for the unary RPCs of our gRPC service, on
 * the same port: a request to {@code /pidgr.v1.<Service>/<Method>} whose content type is not gRPC's
 * is checked ({@link ConnectRequest}), its message turned into protobuf bytes ({@link Codec}) and
 * served as a gRPC-Web call by the very service, interceptors and limits every other transport
 * goes through; the answer becomes Connect's ({@link GrpcWebAnswer}, {@link ConnectError}).
 * No library serves Connect for grpc-java on Armeria (Armeria's unframed requests answer errors in
 * another format), hence this adapter. Requests of other paths and gRPC requests pass untouched.
 */
public final class ConnectService extends SimpleDecoratingHttpService {

    private static final String OUR_SERVICES = "/pidgr.v1.";
    private static final int MAX_PARSE_ERROR = 300;

    private final ConnectMethods methods;

    private ConnectService(HttpService delegate, ConnectMethods methods) {
        super(delegate);
        this.methods = methods;
    }

    /**
     * A decorator serving Connect for the unary methods of {@code services}, which the decorated gRPC service serves.
     */
    public static Function<? super HttpService, ConnectService> decorator(List<ServerServiceDefinition> services) {
        ConnectMethods methods = new ConnectMethods(services);
        return delegate -> new ConnectService(delegate, methods);
    }

    /**
     * Whether a request to {@code path} with this content type is a Connect call (to one of our services, not gRPC).
     */
    public static boolean isConnect(String path, MediaType contentType) {
        return path.startsWith(OUR_SERVICES) && (contentType == null || !contentType.subtype().startsWith("grpc"));
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) throws Exception {
        ConnectMethods.Method method = methods.at(ctx.path());
        if (method == null || !isConnect(ctx.path(), req.contentType())) {
            return unwrap().serve(ctx, req);
        }
        return switch (ConnectRequest.check(req.headers())) {
            case ConnectRequest.Refusal r -> refuse(r);
            case ConnectRequest.Call call ->
                HttpResponse.of(req.aggregate()
                        .thenCompose(body -> answer(ctx, call, method, body))
                        .thenApply(AggregatedHttpResponse::toHttpResponse));
        };
    }

    private CompletableFuture<AggregatedHttpResponse> answer(ServiceRequestContext ctx, ConnectRequest.Call call,
                                                             ConnectMethods.Method method, AggregatedHttpRequest body) {
        byte[] message;
        try {
            message = call.codec().toProto(body.content().array(), method.request());
        } catch (InvalidProtocolBufferException e) {
            return CompletableFuture.completedFuture(ConnectError.response(Status.Code.INVALID_ARGUMENT,
                    "the request is not valid JSON for this RPC: " + shortened(e.getMessage())));
        }
        HttpResponse grpcWeb;
        try {
            grpcWeb = unwrap().serve(ctx, HttpRequest.of(call.grpcWeb(), HttpData.wrap(framed(message))));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        return grpcWeb.aggregate().thenApply(answer -> connect(call.codec(), method, GrpcWebAnswer.of(answer)));
    }

    private static AggregatedHttpResponse connect(Codec codec, ConnectMethods.Method method, GrpcWebAnswer answer) {
        if (!answer.ok()) {
            return ConnectError.response(answer.status(), answer.headers());
        }
        try {
            byte[] body = codec.fromProto(answer.message(), method.response());
            return AggregatedHttpResponse.of(
                    ResponseHeaders.builder(200)
                            .add(answer.headers())
                            .contentType(codec.mediaType())
                            .build(),
                    HttpData.wrap(body));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("our own service answered bytes that are no response message", e);
        }
    }

    private static HttpResponse refuse(ConnectRequest.Refusal refusal) {
        AggregatedHttpResponse error = ConnectError.response(refusal.code(), refusal.message());
        return AggregatedHttpResponse.of(
                        error.headers().toBuilder()
                                .status(refusal.http())
                                .add(refusal.headers())
                                .build(),
                        error.content())
                .toHttpResponse();
    }

    /** One uncompressed gRPC frame: flag 0, the length, the message. */
    private static byte[] framed(byte[] message) {
        return ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message).array();
    }

    private static String shortened(String text) {
        String t = text == null ? "" : text;
        return t.length() <= MAX_PARSE_ERROR ? t : t.substring(0, MAX_PARSE_ERROR) + "...";
    }
}
