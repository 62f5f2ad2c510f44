package dev.pidgr.gateway.push;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * At most {@code permits} sends in flight to one provider; the rest wait in order, without blocking the caller's
 * thread (the gateway's consumer must not stall on a slow provider while another is idle).
 */
public final class ConcurrencyLimit {

    private final Semaphore permits;
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    public ConcurrencyLimit(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("a concurrency limit is at least 1, was " + permits);
        }
        this.permits = new Semaphore(permits);
    }

    /** Starts {@code task} when a permit is free; the permit returns when the task's stage completes. */
    public <T> CompletionStage<T> submit(Supplier<? extends CompletionStage<T>> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        waiting.add(() -> start(task, result));
        drain();
        return result;
    }

    /** Permits free now (the limit less the tasks in flight). */
    public int available() {
        return permits.availablePermits();
    }

    private <T> void start(Supplier<? extends CompletionStage<T>> task, CompletableFuture<T> result) {
        CompletionStage<T> stage;
        try {
            stage = task.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((value, failure) -> {
            permits.release();
            drain();
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        });
    }

    private void drain() {
        while (!waiting.isEmpty() && permits.tryAcquire()) {
            Runnable next = waiting.poll();
            if (next == null) {
                permits.release();
                return;
            }
            next.run();
        }
    }
}
