package dev.pidgr.bench.ack;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.SubmitActionRequest;
import dev.pidgr.api.v1.SubmitActionResponse;
import dev.pidgr.bench.client.Campaigns;
import dev.pidgr.bench.client.Pidgr;
import dev.pidgr.bench.fanout.FanOutBench.Part;
import dev.pidgr.contract.Ids;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every recipient acknowledges their message (SubmitAction with the "ack" action, each with their own
 * token), with a bounded number of calls in flight; then the campaigns' acknowledged counts are
 * watched through GetCampaign until they are final.
 */
public final class AckBench {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Duration COUNT_TIMEOUT = Duration.ofMinutes(15);
    private static final int ATTEMPTS = 3;

    /**
     * @param calls        SubmitAction calls that succeeded
     * @param retries      calls repeated after UNAVAILABLE or DEADLINE_EXCEEDED
     * @param failed       recipients whose acknowledgement failed for good
     * @param startNanos   when the first call went out
     * @param answeredNanos when the last call answered
     * @param finalNanos   when GetCampaign showed every acknowledgement
     */
    public record Outcome(long calls, long retries, long failed, long startNanos, long answeredNanos, long finalNanos) {
    }

    private final Pidgr api;

    public AckBench(Pidgr api) {
        this.api = api;
    }

    /** The recipients' tokens, minted before the clock starts (an app holds its token already). */
    public List<String> tokens(List<Part> parts) {
        List<String> tokens = new ArrayList<>();
        for (Part part : parts) {
            for (int i = part.from(); i < part.to(); i++) {
                tokens.add(api.recipientToken(Campaigns.userId(i)));
            }
        }
        return tokens;
    }

    public Outcome run(List<Part> parts, List<String> tokens, int inFlight) throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        AtomicLong calls = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        int next = 0;
        for (Part part : parts) {
            for (int i = part.from(); i < part.to(); i++) {
                slots.acquire();
                submit(Ids.deliveryId(part.campaignId(), Campaigns.userId(i)), tokens.get(next++), 1,
                        slots, calls, retries, failed);
            }
        }
        slots.acquire(inFlight);
        long answered = System.nanoTime();
        awaitCounts(parts, calls.get());
        return new Outcome(calls.get(), retries.get(), failed.get(), start, answered, System.nanoTime());
    }

    private void submit(
            String deliveryId,
            String token,
            int attempt,
            Semaphore slots,
            AtomicLong calls,
            AtomicLong retries,
            AtomicLong failed) {
        SubmitActionRequest request = SubmitActionRequest.newBuilder()
                .setDeliveryId(deliveryId)
                .setActionId("ack")
                .build();
        Futures.addCallback(
                api.actionsAs(token, DEADLINE).submitAction(request),
                new FutureCallback<SubmitActionResponse>() {
                    @Override
                    public void onSuccess(SubmitActionResponse response) {
                        calls.incrementAndGet();
                        slots.release();
                    }

                    @Override
                    public void onFailure(Throwable t) {
                        Status.Code code = Status.fromThrowable(t).getCode();
                        boolean transient_ = code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
                        if (transient_ && attempt < ATTEMPTS) {
                            retries.incrementAndGet();
                            submit(deliveryId, token, attempt + 1, slots, calls, retries, failed);
                        } else {
                            failed.incrementAndGet();
                            slots.release();
                        }
                    }
                },
                MoreExecutors.directExecutor());
    }

    /** Polls GetCampaign until the acknowledged counts add up to {@code expected}. */
    private void awaitCounts(List<Part> parts, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + COUNT_TIMEOUT.toNanos();
        while (acknowledged(parts) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "acknowledged counts did not reach " + expected + " within " + COUNT_TIMEOUT);
            }
            Thread.sleep(20);
        }
    }

    private long acknowledged(List<Part> parts) {
        long total = 0;
        for (Part part : parts) {
            total += api.campaigns(DEADLINE)
                    .getCampaign(GetCampaignRequest.newBuilder()
                            .setId(part.campaignId())
                            .build())
                    .getCampaign()
                    .getActionCompletedCount();
        }
        return total;
    }
}
