package dev.pidgr.faults.support;

import dev.pidgr.api.v1.GetMessageRequest;
import dev.pidgr.api.v1.SubmitActionRequest;
import dev.pidgr.contract.Ids;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Recipients acknowledging their message while the system is being broken: each one (in fan-out
 * order) opens it first when asked to (GetMessage: the delivery becomes DELIVERED), then submits
 * the ack action, like a phone app, retrying while the delivery is not in their inbox yet or the
 * api is unreachable. Remembers who was acknowledged (the call answered success) and who opened.
 */
public final class Recipients implements AutoCloseable {

    private final Api api;
    private final String campaignId;
    private final ConcurrentLinkedQueue<String> waiting;
    private final Set<String> opening;
    private final Set<String> opened = ConcurrentHashMap.newKeySet();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> retries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final ExecutorService threads;
    private volatile boolean stopped;

    /** Starts {@code threads} recipients' apps acknowledging {@code users}; those in {@code opening} open it first. */
    public Recipients(Api api, String campaignId, List<String> users, Set<String> opening, int threads) {
        this.api = api;
        this.campaignId = campaignId;
        this.waiting = new ConcurrentLinkedQueue<>(users);
        this.opening = opening;
        this.threads = Executors.newFixedThreadPool(
                threads, Thread.ofPlatform().daemon().name("recipient-", 0).factory());
        for (int i = 0; i < threads; i++) {
            this.threads.execute(this::work);
        }
    }

    private void work() {
        String user;
        while (!stopped && (user = waiting.poll()) != null) {
            try {
                if (!act(user)) {
                    waiting.add(user);
                    Sleep.millis(20);
                }
            } catch (RuntimeException e) {
                failures.add(user + ": " + e);
            }
        }
    }

    /** One try; false when it must be tried again later. */
    private boolean act(String user) {
        String deliveryId = Ids.deliveryId(campaignId, user);
        String token = api.recipient(user);
        try {
            if (opening.contains(user) && !opened.contains(user)) {
                api.inbox(token).getMessage(GetMessageRequest.newBuilder().setDeliveryId(deliveryId).build());
                opened.add(user);
            }
            boolean ok = api.actions(token).submitAction(SubmitActionRequest.newBuilder().setDeliveryId(deliveryId)
                    .setActionId("ack").build()).getSuccess();
            if (ok) {
                acknowledged.add(user);
            }
            return ok;
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            if (code == Status.Code.NOT_FOUND
                    || code == Status.Code.UNAVAILABLE
                    || code == Status.Code.DEADLINE_EXCEEDED) {
                retries.computeIfAbsent(code.name(), c -> new AtomicInteger()).incrementAndGet();
                return false;
            }
            throw e;
        }
    }

    /** Waits until everyone acknowledged; fails after {@code timeout}. */
    public void awaitDone(Duration timeout) {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(waiting.size() + " recipients still waiting after " + timeout);
            }
            if (!failures.isEmpty()) {
                throw new AssertionError("recipients' calls failed: " + List.copyOf(failures));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Users whose ack call answered success. */
    public Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** Users whose GetMessage answered. */
    public Set<String> opened() {
        return Set.copyOf(opened);
    }

    /** How often a call was retried, by status code. */
    public Map<String, Integer> retries() {
        Map<String, Integer> copy = new java.util.TreeMap<>();
        retries.forEach((code, n) -> copy.put(code, n.get()));
        return copy;
    }

    @Override
    public void close() {
        stopped = true;
        threads.shutdownNow();
    }
}
