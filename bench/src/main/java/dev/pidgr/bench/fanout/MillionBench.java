package dev.pidgr.bench.fanout;

import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.bench.client.Pidgr;
import dev.pidgr.contract.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --million} phase (issue 13's first target): campaigns of 100,000 started together, timed
 * from the first Start call to the workflow's last NotificationSent committed (read_committed, on the
 * delivery events topic) and, side by side, to GetCampaign's counts showing every delivery sent.
 */
public final class MillionBench {

    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(20);

    /**
     * What happened, in {@link System#nanoTime()} terms.
     *
     * @param startNanos   just before the first StartCampaign call
     * @param startedNanos when the last StartCampaign call answered
     * @param seen         the notifications as a read_committed consumer saw them
     * @param countedNanos when GetCampaign counted every delivery sent, in every campaign
     */
    public record Outcome(List<FanOutBench.Part> parts, long startNanos, long startedNanos,
                          NotificationWatch.Seen seen, long countedNanos) {

        /** Seconds from the first Start to the last NotificationSent committed. */
        public double lastNotificationSeconds() {
            return (seen.lastNanos() - startNanos) / 1e9;
        }

        /** Seconds from the first Start until GetCampaign counted every delivery sent. */
        public double countedSeconds() {
            return (countedNanos - startNanos) / 1e9;
        }
    }

    private final Pidgr api;
    private final String bootstrapServers;
    private final Topics topics;

    public MillionBench(Pidgr api, String bootstrapServers, Topics topics) {
        this.api = api;
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
    }

    /** Starts every campaign, one call after another as fast as they answer, and watches both ends. */
    public Outcome run(List<FanOutBench.Part> parts, int recipients) throws Exception {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        parts.forEach(p -> sizes.put(p.campaignId(), p.to() - p.from()));
        try (NotificationWatch notifications = new NotificationWatch(bootstrapServers, topics.deliveryEvents().name(),
                     topics.notificationsPush().name(), sizes.keySet(), recipients);
             CountsWatch counts = new CountsWatch(api, sizes)) {
            long start = System.nanoTime();
            counts.start();
            for (FanOutBench.Part part : parts) {
                api.campaigns(Duration.ofMinutes(1))
                        .startCampaign(StartCampaignRequest.newBuilder().setId(part.campaignId()).build());
            }
            long started = System.nanoTime();
            NotificationWatch.Seen seen = notifications.await(PHASE_TIMEOUT);
            long counted = counts.await(PHASE_TIMEOUT);
            return new Outcome(parts, start, started, seen, counted);
        }
    }
}
