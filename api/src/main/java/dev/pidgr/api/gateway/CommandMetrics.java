package dev.pidgr.api.gateway;

import dev.pidgr.api.grpc.LatencyBuckets;
import dev.pidgr.events.v1.CommandResult;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** Command latency by RPC and outcome, and rejections by code. */
final class CommandMetrics {

    static final String LATENCY = "pidgr.api.command.latency";
    static final String REJECTIONS = "pidgr.api.command.rejections";

    private final MeterRegistry registry;

    CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void completed(String rpc, CommandResult result, long nanos) {
        boolean accepted = result.hasAccepted();
        timer(rpc, accepted ? "accepted" : "rejected").record(nanos, TimeUnit.NANOSECONDS);
        if (!accepted) {
            Counter.builder(REJECTIONS)
                    .description("commands the command side refused, by code")
                    .tag("rpc", rpc)
                    .tag("code", result.getRejected().getCode().name())
                    .register(registry)
                    .increment();
        }
    }

    void failed(String rpc, RuntimeException failure, long nanos) {
        String outcome = failure instanceof StatusRuntimeException status
                ? status.getStatus().getCode().name()
                : "error";
        timer(rpc, outcome).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(String rpc, String outcome) {
        return Timer.builder(LATENCY)
                .description("time from sending a command to its result")
                .publishPercentileHistogram()
                .minimumExpectedValue(LatencyBuckets.MIN)
                .maximumExpectedValue(LatencyBuckets.MAX)
                .tag("rpc", rpc)
                .tag("outcome", outcome)
                .register(registry);
    }
}
