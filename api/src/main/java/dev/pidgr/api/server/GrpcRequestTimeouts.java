package dev.pidgr.api.server;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.RequestTimeoutException;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.pidgr.api.connect.ConnectError;
import dev.pidgr.api.connect.ConnectService;
import io.grpc.Status;

/**
 * A gRPC or Connect request whose body has not fully arrived when its time is up (a slow or
 * overloaded link, or a client that stops sending) gets DEADLINE_EXCEEDED, as every other late call
 * does. Armeria answers such a request before any gRPC service sees it, with HTTP 408, which gRPC
 * clients can only report as UNKNOWN ("HTTP status code 408"). A Connect request larger than the
 * transport allows gets Connect's RESOURCE_EXHAUSTED instead of a bare HTTP 413. Other requests and
 * errors are left to Armeria.
 */
final class GrpcRequestTimeouts implements ServerErrorHandler {

    static final String MESSAGE = "the request did not arrive in full before its deadline";
    static final String TOO_LARGE = "the request is larger than the server accepts";
    private static final com.google.rpc.Status DEADLINE = com.google.rpc.Status.newBuilder()
            .setCode(Status.Code.DEADLINE_EXCEEDED.value()).setMessage(MESSAGE).build();

    @Override
    public HttpResponse onServiceException(ServiceRequestContext ctx, Throwable cause) {
        if (cause instanceof RequestTimeoutException && isGrpc(ctx.request().headers())) {
            return HttpResponse.of(deadlineExceeded(ctx.request().headers()));
        }
        if (cause instanceof RequestTimeoutException && isConnect(ctx.request().headers())) {
            return ConnectError.response(DEADLINE).toHttpResponse();
        }
        return null;
    }

    @Override
    public AggregatedHttpResponse renderStatus(ServiceRequestContext ctx, ServiceConfig config, RequestHeaders headers,
                                               HttpStatus status, String description, Throwable cause) {
        if (status == HttpStatus.REQUEST_TIMEOUT && headers != null && isGrpc(headers)) {
            return AggregatedHttpResponse.of(deadlineExceeded(headers));
        }
        if (status == HttpStatus.REQUEST_TIMEOUT && headers != null && isConnect(headers)) {
            return ConnectError.response(DEADLINE);
        }
        if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE && headers != null && isConnect(headers)) {
            return ConnectError.response(com.google.rpc.Status.newBuilder()
                    .setCode(Status.Code.RESOURCE_EXHAUSTED.value())
                    .setMessage(TOO_LARGE)
                    .build());
        }
        return null;
    }

    private static ResponseHeaders deadlineExceeded(RequestHeaders request) {
        return GrpcTrailersOnly.of(request, DEADLINE);
    }

    private static boolean isConnect(RequestHeaders headers) {
        return ConnectService.isConnect(headers.path(), headers.contentType());
    }

    private static boolean isGrpc(RequestHeaders headers) {
        return GrpcTrailersOnly.isGrpc(headers);
    }
}
