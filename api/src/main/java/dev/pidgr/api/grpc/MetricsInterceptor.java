package dev.pidgr.api.grpc;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Times every call of our services by method and final status ({@code pidgr.grpc.server.calls}). */
public final class MetricsInterceptor implements ServerInterceptor {

    public static final String CALLS = "pidgr.grpc.server.calls";

    private final MeterRegistry registry;

    public MetricsInterceptor(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Timer.Sample sample = Timer.start(registry);
        String method = call.getMethodDescriptor().getFullMethodName();
        return next.startCall(new SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                sample.stop(Timer.builder(CALLS)
                        .description("gRPC calls served, by method and status")
                        .publishPercentileHistogram()
                        .minimumExpectedValue(LatencyBuckets.MIN)
                        .maximumExpectedValue(LatencyBuckets.MAX)
                        .tag("method", method)
                        .tag("status", status.getCode().name())
                        .register(registry));
                super.close(status, trailers);
            }
        }, headers);
    }
}
