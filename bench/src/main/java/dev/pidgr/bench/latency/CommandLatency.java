package dev.pidgr.bench.latency;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import dev.pidgr.api.v1.CreateCampaignRequest;
import dev.pidgr.api.v1.CreateCampaignResponse;
import dev.pidgr.bench.client.Campaigns;
import dev.pidgr.bench.client.Pidgr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Latency of small CreateCampaign calls (three recipients, the default workflow): the whole command
 * path, api to command side to result, as a client sees it.
 */
public final class CommandLatency {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final int RECIPIENTS = 3;

    private final Pidgr api;
    private final String templateId;

    public CommandLatency(Pidgr api, String templateId) {
        this.api = api;
        this.templateId = templateId;
    }

    private CreateCampaignRequest request(String name) {
        return Campaigns.campaign(name, templateId, 0, RECIPIENTS);
    }

    /** {@code calls} calls from four callers to warm up the server's code paths; not measured. */
    public void warmUp(int calls) throws InterruptedException {
        List<Thread> callers = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int first = c;
            callers.add(Thread.ofPlatform().name("bench-warm-up-" + c).start(() -> {
                for (int i = first; i < calls; i += 4) {
                    api.campaigns(DEADLINE).createCampaign(request("warm-up " + i));
                }
            }));
        }
        for (Thread caller : callers) {
            caller.join();
        }
    }

    /**
     * One round of the fixed-rate phase.
     *
     * @param latencies each call from its intended start to its answer
     * @param calls     the calls that succeeded, for {@link CommandTrace#breakdown}
     */
    public record FixedRate(Latencies latencies, List<CommandTrace.Call> calls) {
    }

    /** {@code count} calls offered at {@code rate} per second, each timed from its intended start. */
    public FixedRate fixedRate(int count, int rate) throws InterruptedException {
        Latencies latencies = new Latencies();
        CountDownLatch answered = new CountDownLatch(count);
        List<CommandTrace.Call> calls = Collections.synchronizedList(new ArrayList<>());
        long epochOffsetMillis = System.currentTimeMillis() - System.nanoTime() / 1_000_000;
        OpenLoop.run(
                count,
                rate,
                (i, intended) -> Futures.addCallback(
                        api.campaignsAsync(DEADLINE).createCampaign(request("fixed-rate " + i)),
                        new FutureCallback<CreateCampaignResponse>() {
                            @Override
                            public void onSuccess(CreateCampaignResponse result) {
                                long now = System.nanoTime();
                                latencies.record(now - intended);
                                calls.add(new CommandTrace.Call(
                                        result.getCampaign().getId(),
                                        epochOffsetMillis + intended / 1_000_000,
                                        epochOffsetMillis + now / 1_000_000));
                                answered.countDown();
                            }

                            @Override
                            public void onFailure(Throwable t) {
                                latencies.error();
                                answered.countDown();
                            }
                        },
                        MoreExecutors.directExecutor()));
        if (!answered.await(DEADLINE.toSeconds() * 2, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fixed-rate calls did not all answer");
        }
        return new FixedRate(latencies, List.copyOf(calls));
    }

    /** {@code callers} callers in a closed loop for {@code length}: throughput and latencies at saturation. */
    public ClosedLoop.Outcome saturation(int callers, Duration length) throws InterruptedException {
        return ClosedLoop.run(callers, length, i -> api.campaigns(DEADLINE).createCampaign(request("saturation " + i)));
    }
}
