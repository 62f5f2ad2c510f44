package dev.pidgr.api.server;

import com.linecorp.armeria.common.ExchangeType;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.RoutingContext;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.SimpleDecoratingHttpService;
import dev.pidgr.api.auth.Caller;
import dev.pidgr.api.auth.InvalidTokenException;
import dev.pidgr.api.auth.KeysUnavailableException;
import dev.pidgr.api.auth.TokenVerifier;
import dev.pidgr.api.connect.ConnectError;
import dev.pidgr.api.connect.ConnectService;
import dev.pidgr.api.grpc.AuthInterceptor;
import dev.pidgr.api.grpc.ConcurrencyLimit;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Locale;
import java.util.concurrent.CompletionException;

/**
 * Counts the bytes of every request to our services as they arrive, per organization and per server
 * ({@link ConcurrencyLimit}, limit {@code request_bytes}), and holds them until the call is answered.
 * A request whose bytes do not fit is refused while it arrives (RESOURCE_EXHAUSTED, before it is
 * parsed), so neither the buffers that receive requests nor the heap that parses them (a parsed
 * request takes about ten times its bytes) can be exhausted by many large requests at once: 200
 * concurrent 800 KB creates once ran a 512 MiB api process out of direct memory. The organization
 * comes from the token, verified here (the authentication interceptor then uses that verification);
 * requests without a valid token share one bucket of their own. The refusal is in the request's
 * protocol: gRPC's trailers, or Connect's JSON error (HTTP 429). Health and reflection (a stream)
 * pass untouched.
 */
final class RequestBytes extends SimpleDecoratingHttpService {

    private static final String OUR_SERVICES = "/pidgr.v1.";
    private static final String BEARER = "bearer ";
    /** The bucket of requests whose token does not verify (they are refused later, but their bytes count now). */
    static final String NO_ORGANIZATION = "";

    private final TokenVerifier verifier;
    private final ConcurrencyLimit bytes;

    RequestBytes(HttpService delegate, TokenVerifier verifier, ConcurrencyLimit bytes) {
        super(delegate);
        this.verifier = verifier;
        this.bytes = bytes;
    }

    /**
     * Our requests stream in: otherwise Armeria would receive a unary call's request in full (in
     * direct memory) before any of this sees a byte.
     */
    @Override
    public ExchangeType exchangeType(RoutingContext routingContext) {
        return routingContext.path().startsWith(OUR_SERVICES) ? ExchangeType.BIDI_STREAMING
                : ((HttpService) unwrap()).exchangeType(routingContext);
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) throws Exception {
        if (!ctx.path().startsWith(OUR_SERVICES)) {
            return unwrap().serve(ctx, req);
        }
        ConcurrencyLimit.Lease lease = bytes.open(organization(ctx, req.headers().get("authorization")));
        ctx.log().whenComplete().thenRun(lease::close);
        return HttpResponse.of(req.peekData(data -> lease.grow(data.length()))
                .aggregate()
                .handle((whole, failure) -> {
                    if (failure == null) {
                        try {
                            return unwrap().serve(ctx, whole.toHttpRequest());
                        } catch (Exception e) {
                            return HttpResponse.ofFailure(e);
                        }
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    if (cause instanceof StatusRuntimeException refused && GrpcTrailersOnly.isGrpc(req.headers())) {
                        return HttpResponse.of(GrpcTrailersOnly.of(req.headers(), StatusProto.fromThrowable(refused)));
                    }
                    if (cause instanceof StatusRuntimeException refused
                            && ConnectService.isConnect(ctx.path(), req.contentType())) {
                        return ConnectError.response(StatusProto.fromThrowable(refused))
                                .toHttpResponse();
                    }
                    return HttpResponse.ofFailure(cause);
                }));
    }

    /** The token's organization; the verified caller is left for the authentication interceptor. */
    private String organization(ServiceRequestContext ctx, String authorization) {
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return NO_ORGANIZATION;
        }
        String token = authorization.substring(BEARER.length()).trim();
        try {
            Caller caller = verifier.verify(token);
            ctx.setAttr(AuthInterceptor.VERIFIED, new AuthInterceptor.Verified(token, caller));
            return caller.organizationId();
        } catch (InvalidTokenException | KeysUnavailableException e) {
            return NO_ORGANIZATION;
        }
    }
}
