package dev.pidgr.bench.fanout;

import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.bench.BenchSettings;
import dev.pidgr.bench.client.Campaigns;
import dev.pidgr.bench.client.Pidgr;
import dev.pidgr.bench.kafka.BrokerAdmin;
import dev.pidgr.contract.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fan-out, measured from outside: campaigns of the run's recipients are created, the workflow
 * processor is left to read their audiences, then they are started; the clock runs from the first
 * StartCampaign call until the last NotificationSent is committed (visible to a read_committed
 * consumer) and until every delivery is visible through ListDeliveries.
 */
public final class FanOutBench {

    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(15);

    /** One campaign of the run: recipients {@code from} up to {@code to} (exclusive). */
    public record Part(String campaignId, int from, int to) {
    }

    /**
     * What happened, in {@link System#nanoTime()} terms.
     *
     * @param parts        the campaigns
     * @param startNanos   just before the first StartCampaign call
     * @param startedNanos when the last StartCampaign call answered
     * @param seen         the notifications as a read_committed consumer saw them
     * @param visibleNanos when every delivery was visible through ListDeliveries
     */
    public record Outcome(List<Part> parts, long startNanos, long startedNanos, NotificationWatch.Seen seen,
                          long visibleNanos) {

        /** Seconds from the first Start to the last notification committed. */
        public double fanOutSeconds() {
            return (seen.lastNanos() - startNanos) / 1e9;
        }

        /** Seconds from the first Start until every delivery was visible through ListDeliveries. */
        public double endToEndSeconds() {
            return (visibleNanos - startNanos) / 1e9;
        }
    }

    private final Pidgr api;
    private final BrokerAdmin admin;
    private final String bootstrapServers;
    private final Topics topics;

    public FanOutBench(Pidgr api, BrokerAdmin admin, String bootstrapServers, Topics topics) {
        this.api = api;
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
    }

    /** Creates the campaigns and waits until the workflow processor has read their audiences. */
    public List<Part> prepare(String templateId, int recipients) throws Exception {
        List<Part> parts = new ArrayList<>();
        for (int[] range : Campaigns.split(recipients, BenchSettings.MAX_AUDIENCE)) {
            String id = api.campaigns(Duration.ofMinutes(2))
                    .createCampaign(Campaigns.campaign("fan-out " + range[0], templateId, range[0], range[1]))
                    .getCampaign().getId();
            parts.add(new Part(id, range[0], range[1]));
        }
        admin.awaitGroupCaughtUp(topics.prefix() + "pidgr-workflow", topics.campaignEvents().name(), PHASE_TIMEOUT);
        return parts;
    }

    /** Starts the campaigns and watches the fan-out to its end. */
    public Outcome run(List<Part> parts, int recipients) throws Exception {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        parts.forEach(p -> sizes.put(p.campaignId(), p.to() - p.from()));
        try (NotificationWatch notifications = new NotificationWatch(bootstrapServers, topics.deliveryEvents().name(),
                     topics.notificationsPush().name(), sizes.keySet(), recipients);
             VisibilityWatch visibility = new VisibilityWatch(api, sizes)) {
            long start = System.nanoTime();
            for (Part part : parts) {
                api.campaigns(Duration.ofMinutes(1))
                        .startCampaign(StartCampaignRequest.newBuilder()
                                .setId(part.campaignId())
                                .build());
            }
            long started = System.nanoTime();
            NotificationWatch.Seen seen = notifications.await(PHASE_TIMEOUT);
            visibility.start();
            long visible = visibility.await(PHASE_TIMEOUT);
            return new Outcome(parts, start, started, seen, visible);
        }
    }

    /** Pages through every delivery of the campaigns with ListDeliveries: how many distinct ones it lists. */
    public long list(List<Part> parts) {
        return VisibilityWatch.listDistinct(api, parts.stream().map(Part::campaignId).toList());
    }
}
