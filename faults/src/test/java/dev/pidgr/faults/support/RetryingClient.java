package dev.pidgr.faults.support;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A well-behaved client of several api processes: each call carries an {@code idempotency-key};
 * when it fails in a way that says nothing about the outcome (UNAVAILABLE, DEADLINE_EXCEEDED,
 * UNKNOWN, CANCELLED: a process died, or a command waited for a command processor that was gone)
 * it is sent again with the same key, to the next api in turn, until it gets an answer.
 */
public final class RetryingClient {

    private static final Set<Status.Code> RETRY = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.UNKNOWN, Status.Code.CANCELLED);
    private static final Duration GIVE_UP = Duration.ofMinutes(5);

    private final List<Api> apis;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private final Map<Status.Code, AtomicInteger> retriesByCode = new ConcurrentHashMap<>();

    public RetryingClient(List<Api> apis) {
        this.apis = apis;
    }

    /** Calls {@code call(api, key)} until it answers; returns the answer or throws the final non-retryable status. */
    public <T> T call(String key, int firstApi, BiFunction<Api, String, T> call) {
        long giveUp = System.nanoTime() + GIVE_UP.toNanos();
        boolean first = true;
        for (int attempt = firstApi; ; attempt++) {
            inFlight.incrementAndGet();
            try {
                return call.apply(apis.get(Math.floorMod(attempt, apis.size())), key);
            } catch (StatusRuntimeException e) {
                Status.Code code = e.getStatus().getCode();
                if (!RETRY.contains(code) || System.nanoTime() > giveUp) {
                    throw e;
                }
                retriesByCode.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
                if (first) {
                    retried.incrementAndGet();
                    first = false;
                }
                Sleep.millis(200);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    /** Calls being made right now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Calls that needed at least one retry. */
    public int retriedCalls() {
        return retried.get();
    }

    public Map<Status.Code, Integer> retriesByCode() {
        Map<Status.Code, Integer> copy = new java.util.TreeMap<>();
        retriesByCode.forEach((code, n) -> copy.put(code, n.get()));
        return copy;
    }
}
