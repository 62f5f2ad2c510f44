package dev.pidgr.workflow.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The dispatcher's threads: each takes the next attempt {@link DispatchShares} allows, runs it,
 * and tells the shares it ended, until the shares are closed.
 *
 * @param <T> an attempt
 */
final class DispatcherThreads<T> {

    private final List<Thread> threads = new ArrayList<>();

    DispatcherThreads(int count, DispatchShares<T> shares, Function<T, String> organization, Consumer<T> run) {
        for (int i = 1; i <= count; i++) {
            Thread thread = new Thread(() -> work(shares, organization, run), "pidgr-webhook-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    private static <T> void work(DispatchShares<T> shares, Function<T, String> organization, Consumer<T> run) {
        try {
            for (T attempt = shares.take(); attempt != null; attempt = shares.take()) {
                try {
                    run.accept(attempt);
                } finally {
                    shares.ended(organization.apply(attempt));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        }
    }

    /** Interrupts the threads (an attempt in progress ends early) and waits up to 10 s for them. */
    void stop() {
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
