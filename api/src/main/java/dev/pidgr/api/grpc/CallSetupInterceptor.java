package dev.pidgr.api.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outermost of our interceptors but metrics: fixes the call's deadline, keeps the request
 * headers at hand, and sends {@code x-pidgr-version} when the service set one.
 */
public final class CallSetupInterceptor implements ServerInterceptor {

    private final Clock clock;

    public CallSetupInterceptor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        AtomicLong version = new AtomicLong();
        Context context = Context.current()
                .withValue(CallContext.DEADLINE, CallDeadlines.deadline(headers, clock.instant()))
                .withValue(CallContext.HEADERS, headers)
                .withValue(CallContext.RESPONSE_VERSION, version);
        return Contexts.interceptCall(context, new SimpleForwardingServerCall<>(call) {
            @Override
            public void sendHeaders(Metadata responseHeaders) {
                if (version.get() > 0) {
                    responseHeaders.put(CallContext.VERSION_HEADER, Long.toString(version.get()));
                }
                super.sendHeaders(responseHeaders);
            }
        }, headers, next);
    }
}
