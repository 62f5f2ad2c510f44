package dev.pidgr.bench.fanout;

import dev.pidgr.api.v1.ListDeliveriesRequest;
import dev.pidgr.api.v1.ListDeliveriesResponse;
import dev.pidgr.api.v1.Pagination;
import dev.pidgr.bench.client.Pidgr;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Polls ListDeliveries of the run's campaigns, as a manager's screen would, until every delivery is
 * visible there (its total, which the projection keeps in the same transaction as the rows, reaches
 * the audience size). It starts polling when told to, once the last notification is committed (no
 * delivery can be visible before its notification is), so its calls do not slow the fan-out down.
 */
public final class VisibilityWatch implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(20);

    private final Pidgr api;
    private final Map<String, Integer> expected;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread thread;
    private volatile long visibleNanos;
    private volatile RuntimeException failure;
    private volatile boolean stopped;

    /** @param expected deliveries each campaign must show */
    public VisibilityWatch(Pidgr api, Map<String, Integer> expected) {
        this.api = api;
        this.expected = Map.copyOf(expected);
        this.thread = Thread.ofPlatform().name("bench-visibility-watch").daemon().unstarted(this::run);
    }

    /** Starts polling. */
    public void start() {
        thread.start();
    }

    private void run() {
        try {
            Set<String> pending = new HashSet<>(expected.keySet());
            while (!pending.isEmpty() && !stopped) {
                pending.removeIf(id -> total(id) >= expected.get(id));
                if (!pending.isEmpty()) {
                    Thread.sleep(POLL.toMillis());
                }
            }
            visibleNanos = System.nanoTime();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            done.countDown();
        }
    }

    private int total(String campaignId) {
        return page(campaignId, "", 1).getPagination().getTotalCount();
    }

    private ListDeliveriesResponse page(String campaignId, String token, int size) {
        return page(api, campaignId, token, size);
    }

    private static ListDeliveriesResponse page(Pidgr api, String campaignId, String token, int size) {
        return api.campaigns(Duration.ofSeconds(30)).listDeliveries(ListDeliveriesRequest.newBuilder()
                .setCampaignId(campaignId)
                .setPagination(Pagination.newBuilder().setPageSize(size).setPageToken(token))
                .build());
    }

    /** Waits until every delivery is visible; returns when ({@link System#nanoTime()}). */
    public long await(Duration timeout) throws InterruptedException {
        if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(
                    "the deliveries were not all visible through ListDeliveries within " + timeout);
        }
        if (failure != null) {
            throw failure;
        }
        return visibleNanos;
    }

    /** Pages through every delivery of the campaigns: the number of distinct deliveries listed. */
    static long listDistinct(Pidgr api, java.util.List<String> campaignIds) {
        long distinct = 0;
        for (String campaignId : campaignIds) {
            Set<String> ids = new HashSet<>();
            String token = "";
            do {
                ListDeliveriesResponse page = page(api, campaignId, token, 100);
                page.getDeliveriesList().forEach(d -> ids.add(d.getId()));
                token = page.getPagination().getNextPageToken();
            } while (!token.isEmpty());
            distinct += ids.size();
        }
        return distinct;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        if (thread.isAlive()) {
            thread.join(10_000);
        }
    }
}
