package dev.pidgr.bench.fanout;

import dev.pidgr.api.v1.DeliveryCounts;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.bench.client.Pidgr;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Polls GetCampaign of the run's campaigns, as a manager's dashboard would, from the Start calls on
 * until each campaign's delivery counts show every recipient past PENDING (sent, or further).
 */
public final class CountsWatch implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final Pidgr api;
    private final Map<String, Integer> expected;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread thread;
    private volatile long countedNanos;
    private volatile RuntimeException failure;
    private volatile boolean stopped;

    /** @param expected deliveries each campaign must count */
    public CountsWatch(Pidgr api, Map<String, Integer> expected) {
        this.api = api;
        this.expected = Map.copyOf(expected);
        this.thread = Thread.ofPlatform().name("bench-counts-watch").daemon().unstarted(this::run);
    }

    /** Starts polling. */
    public void start() {
        thread.start();
    }

    private void run() {
        try {
            Set<String> pending = new HashSet<>(expected.keySet());
            while (!pending.isEmpty() && !stopped) {
                pending.removeIf(id -> pastPending(id) >= expected.get(id));
                if (!pending.isEmpty()) {
                    Thread.sleep(POLL.toMillis());
                }
            }
            countedNanos = System.nanoTime();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            done.countDown();
        }
    }

    private long pastPending(String campaignId) {
        DeliveryCounts counts = api.campaigns(Duration.ofSeconds(30))
                .getCampaign(GetCampaignRequest.newBuilder().setId(campaignId).build())
                .getCampaign().getDeliveryCounts();
        return sent(counts);
    }

    /** Deliveries sent or further (delivered, acknowledged, missed, without a device, failed). */
    static long sent(DeliveryCounts c) {
        return (long) c.getSent() + c.getDelivered() + c.getAcknowledged() + c.getMissed() + c.getNoDevice()
                + c.getFailed();
    }

    /** Waits until every campaign counts its deliveries sent; returns when ({@link System#nanoTime()}). */
    public long await(Duration timeout) throws InterruptedException {
        if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("GetCampaign did not count every delivery sent within " + timeout);
        }
        if (failure != null) {
            throw failure;
        }
        return countedNanos;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        if (thread.isAlive()) {
            thread.join(10_000);
        }
    }
}
