package dev.pidgr.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CampaignNudged;
import dev.pidgr.events.v1.DeliveryEvent;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Measures (no threshold) how well a nudge holds its rate on the embedded broker: a campaign of
 * {@code -Dpidgr.benchmark.nudgeMembers=N} deliveries (5,000 by default, so that every build runs it in seconds;
 * docs/benchmarks.md has the 100,000 figures) nudged at 1,000/s, then at 10,000/s; the achieved rate is reminders
 * over the span from the first to the last ReminderSent's time. Checks that each nudge reminded everyone once.
 */
class NudgeBenchmarkTest {

    private static final String CAMPAIGN = "c0000000-0000-4000-8000-0000000000bf";
    private static final int MEMBERS = Integer.getInteger("pidgr.benchmark.nudgeMembers", 5_000);
    private static final List<Integer> RATES = List.of(1_000, 10_000);

    @Test
    void shouldReportHowCloseANudgeKeepsToItsRate() throws Exception {
        List<String> users = Campaigns.users(MEMBERS);
        WorkflowDefinition workflow = Campaigns.workflow(Campaigns.send("send", Map.of("completed", "wait")),
                Campaigns.deadline("wait", "72h", Map.of()));
        try (Broker broker = new Broker(3)) {
            broker.send(broker.topics.templateEvents(), Campaigns.TEMPLATE,
                    Campaigns.template("Hello {{name}}, the new **travel policy** is out: please confirm."));
            List<CampaignEvent> created = Campaigns.created(CAMPAIGN, workflow, users, 1000);
            created.forEach(e -> broker.send(broker.topics.campaignEvents(), CAMPAIGN, e));
            long version = created.size() + 1;
            broker.send(broker.topics.campaignEvents(), CAMPAIGN,
                    Campaigns.started(CAMPAIGN, version, workflow, System.currentTimeMillis()));
            broker.flush();
            WorkflowSettings settings = WorkflowSettings.defaults().withWebhookSecret(WorkflowDriver.SECRET);
            StringBuilder report = new StringBuilder("nudges of " + String.format("%,d", MEMBERS) + " deliveries:");
            try (WorkflowProcessor processor = new WorkflowProcessor(broker.streamsConfig(Broker.newStateDir()),
                    broker.topics, settings)) {
                processor.start();
                await(broker, events -> count(events, DeliveryEvent::hasNotificationSent) == MEMBERS);
                for (int rate : RATES) {
                    version++;
                    broker.send(broker.topics.campaignEvents(), CAMPAIGN, Campaigns.event(CAMPAIGN, version)
                            .setNudged(CampaignNudged.newBuilder().addStatuses(DeliveryStatus.DELIVERY_STATUS_SENT)
                                    .setRatePerSecond(rate)).build());
                    broker.flush();
                    long nudge = version;
                    List<DeliveryEvent> events = await(broker, e -> count(e, d -> d.hasNudgeFinished()
                            && d.getNudgeFinished().getNudge() == nudge) == 1);
                    report.append(measure(events, nudge, rate));
                }
                report.append(threadRatios(processor));
            }
            System.out.println("BENCHMARK " + report);
        }
    }

    /** The achieved rate of one nudge; checks that it reminded every delivery once. */
    private static String measure(List<DeliveryEvent> events, long nudge, int rate) {
        List<DeliveryEvent> reminders = events.stream()
                .filter(e -> e.hasReminderSent() && e.getReminderSent().getNudge() == nudge).toList();
        Set<String> reminded = new HashSet<>();
        reminders.forEach(e -> assertThat(reminded.add(e.getUserId())).isTrue());
        assertThat(reminded).hasSize(MEMBERS);
        long first = Timestamps.toMillis(reminders.getFirst().getOccurredAt());
        long last = Timestamps.toMillis(reminders.getLast().getOccurredAt());
        double achieved = (reminders.size() - 1) * 1000.0 / Math.max(1, last - first);
        return String.format(" at %,d/s: %,.0f/s over %.2f s (%+.1f%%);", rate, achieved, (last - first) / 1000.0,
                100 * (achieved - rate) / rate);
    }

    /** Where the stream thread spent its time (Kafka Streams' thread metrics, over the last 30 s window). */
    private static String threadRatios(WorkflowProcessor processor) {
        StringBuilder ratios = new StringBuilder(" stream thread time:");
        processor.streams().metrics().forEach((name, metric) -> {
            if (name.group().equals("stream-thread-metrics") && name.name().endsWith("-ratio")) {
                ratios.append(String.format(" %s %.2f", name.name(), ((Number) metric.metricValue()).doubleValue()));
            }
        });
        return ratios.toString();
    }

    private static List<DeliveryEvent> await(Broker broker, Predicate<List<DeliveryEvent>> done) {
        return broker.readUntil(broker.topics.deliveryEvents(), Duration.ofMinutes(10),
                        records -> done.test(values(records)))
                .stream().map(ConsumerRecord::value).toList();
    }

    private static List<DeliveryEvent> values(List<ConsumerRecord<String, DeliveryEvent>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    private static long count(List<DeliveryEvent> events, Predicate<DeliveryEvent> kind) {
        return events.stream().filter(kind).count();
    }
}
