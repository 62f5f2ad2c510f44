package dev.pidgr.api.grpc;

import com.linecorp.armeria.common.util.TimeoutMode;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outermost of our interceptors but metrics: fixes the call's deadline (clamped by
 * {@link CallDeadlines}), keeps the request headers and the executor to finish on at hand, and sends
 * {@code x-pidgr-version} when the service set one. The HTTP request's own timeout is set a second
 * after the deadline, so the client is answered even if something were stuck past it (Armeria
 * otherwise takes the client's {@code grpc-timeout}, hours if it asks for hours, or none).
 */
public final class CallSetupInterceptor implements ServerInterceptor {

    public static final Duration TRANSPORT_MARGIN = Duration.ofSeconds(1);

    private final Clock clock;
    private final CallDeadlines deadlines;

    public CallSetupInterceptor(Clock clock, CallDeadlines deadlines) {
        this.clock = clock;
        this.deadlines = deadlines;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Instant now = clock.instant();
        Instant deadline = deadlines.deadline(call.getMethodDescriptor().getFullMethodName(), headers, now);
        AtomicLong version = new AtomicLong();
        Context context = Context.current()
                .withValue(CallContext.DEADLINE, deadline)
                .withValue(CallContext.HEADERS, headers)
                .withValue(CallContext.RESPONSE_VERSION, version);
        ServiceRequestContext http = ServiceRequestContext.currentOrNull();
        if (http != null) {
            http.setRequestTimeout(TimeoutMode.SET_FROM_NOW, Duration.between(now, deadline).plus(TRANSPORT_MARGIN));
            context = context.withValue(CallContext.BLOCKING, http.blockingTaskExecutor());
        }
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
