package dev.pidgr.workflow.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DNS lookups with a deadline. A lookup ({@link InetAddress#getAllByName} underneath) cannot be
 * interrupted, so it runs on one of a few threads of its own while the attempt waits at most its
 * remaining budget; a lookup that outlives its attempt keeps its thread until the resolver gives
 * up. So that one organization's hanging name server cannot take every thread, an organization
 * has at most {@code perOrganization} lookups running, abandoned ones included; past that, or
 * when every thread is busy, the attempt fails at once (retryable) instead of waiting in line.
 */
final class ResolverPool implements AutoCloseable {

    /** No thread is free for this lookup: the organization's share or the whole pool is busy. */
    static final class BusyException extends Exception {
        BusyException(String message) {
            super(message);
        }
    }

    private final WebhookResolver resolver;
    private final ThreadPoolExecutor threads;
    private final int perOrganization;
    private final Map<String, Integer> running = new HashMap<>();

    ResolverPool(WebhookResolver resolver, int threads, int perOrganization) {
        this.resolver = resolver;
        this.perOrganization = perOrganization;
        AtomicInteger count = new AtomicInteger();
        // No waiting line: a lookup starts now or not at all, so none waits behind a hanging one.
        this.threads =
                new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "pidgr-webhook-dns-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Every address of {@code host}, or an exception once {@code timeoutNanos} have passed. */
    List<InetAddress> resolve(String organizationId, String host, long timeoutNanos)
            throws UnknownHostException, TimeoutException, BusyException {
        if (!claim(organizationId)) {
            throw new BusyException(
                    "the organization already has " + perOrganization + " DNS lookups running (a slow name server?)");
        }
        Future<List<InetAddress>> lookup;
        try {
            lookup = threads.submit(() -> {
                try {
                    return resolver.resolve(host);
                } finally {
                    unclaim(organizationId);
                }
            });
        } catch (RejectedExecutionException e) {
            unclaim(organizationId);
            throw new BusyException("every DNS resolver thread is busy");
        }
        try {
            return lookup.get(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lookup.cancel(true);
            throw new TimeoutException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            throw new IllegalStateException("the webhook resolver failed", e.getCause());
        }
    }

    private synchronized boolean claim(String organizationId) {
        int now = running.getOrDefault(organizationId, 0);
        if (now >= perOrganization) {
            return false;
        }
        running.put(organizationId, now + 1);
        return true;
    }

    private synchronized void unclaim(String organizationId) {
        running.computeIfPresent(organizationId, (org, n) -> n <= 1 ? null : n - 1);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
