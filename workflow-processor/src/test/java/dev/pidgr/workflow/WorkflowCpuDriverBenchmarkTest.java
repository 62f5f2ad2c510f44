package dev.pidgr.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.contract.Ids;
import dev.pidgr.contract.Topics;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.DeliveryReceipt;
import dev.pidgr.events.v1.ReceiptOutcome;
import dev.pidgr.workflow.webhook.WebhookDispatcher;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures (no threshold) the CPU the workflow's own code spends per 100,000 deliveries of a fan-out and per
 * 100,000 NO_DEVICE receipts, on a TopologyTestDriver: the real processor, stores (RocksDB, changelogged) and
 * serializers, all in the calling thread, without a broker to wait for, so the figure is the processor's work
 * alone (the test driver commits after every input, so the cursor store's cache saves no changelog writes
 * here; {@link WorkflowCpuBenchmarkTest} measures on the broker). Checks that every member got one
 * NotificationSent and one DeliveryNoDevice. A first campaign of the same size warms the JIT up and is not
 * measured. {@code -Dpidgr.benchmark.cpuMembers=N} (5,000 by default). Tagged "bench": run with
 * {@code -Dbench.exclude=none}.
 */
@Tag("bench")
class WorkflowCpuDriverBenchmarkTest {

    private static final String WARM_UP = "c0000000-0000-4000-8000-0000000000c1";
    private static final String CAMPAIGN = "c0000000-0000-4000-8000-0000000000c2";
    private static final int MEMBERS = Integer.getInteger("pidgr.benchmark.cpuMembers", 5_000);
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void shouldReportTheProcessorsCpuPerDeliveryAndPerReceipt() throws Exception {
        List<String> users = Campaigns.users(MEMBERS);
        Topics topics = Topics.withNamespace("cpu");
        WorkflowSettings settings = WorkflowSettings.defaults().withWebhookSecret(WorkflowDriver.SECRET);
        try (WebhookDispatcher dispatcher = new WebhookDispatcher(settings, result -> { });
             TopologyTestDriver driver = new TopologyTestDriver(WorkflowTopology.build(topics, settings, dispatcher),
                     properties(), WorkflowDriver.T0)) {
            driver.createInputTopic(topics.templateEvents().name(), new StringSerializer(), topics.templateEvents()
                    .valueSerde().serializer()).pipeInput(Campaigns.TEMPLATE, Campaigns.template(
                            "Hello {{name}}, the new **travel policy** is out: please read it and confirm."));
            campaign(driver, topics, settings, WARM_UP, users); // the same work first, so the JIT has compiled it
            long[] cpu = campaign(driver, topics, settings, CAMPAIGN, users);
            String report = String.format("workflow processor CPU on the test driver per 100,000: deliveries %.2f s,"
                    + " NO_DEVICE receipts %.2f s; allocated per 100,000: deliveries %,.0f MB, receipts %,.0f MB"
                    + " (%,d members)", per100k(cpu[0]), per100k(cpu[1]), per100k(cpu[2]) * 1e3,
                    per100k(cpu[3]) * 1e3, MEMBERS);
            System.out.println("BENCHMARK " + report);
        }
    }

    /**
     * A campaign's fan-out and a NO_DEVICE receipt per member; the CPU nanoseconds of each, then the bytes each
     * allocated (a figure the machine's load does not change).
     */
    private static long[] campaign(TopologyTestDriver driver, Topics topics, WorkflowSettings settings,
                                   String campaignId, List<String> users) {
        WorkflowDefinition workflow = Campaigns.workflow(Campaigns.send("send", Map.of()));
        StringSerializer keys = new StringSerializer();
        TestInputTopic<String, CampaignEvent> campaigns = driver.createInputTopic(
                topics.campaignEvents().name(), keys, topics.campaignEvents().valueSerde().serializer());
        List<CampaignEvent> created = Campaigns.created(campaignId, workflow, users, 1000);
        created.forEach(e -> campaigns.pipeInput(campaignId, e));
        var commands = driver.createOutputTopic(topics.campaignCommands().name(), new StringDeserializer(),
                topics.campaignCommands().valueSerde().deserializer());
        long now = WorkflowDriver.T0.toEpochMilli();

        long before = THREADS.getCurrentThreadCpuTime();
        long allocated = THREADS.getCurrentThreadAllocatedBytes();
        campaigns.pipeInput(campaignId, Campaigns.started(campaignId, created.size() + 1, workflow, now));
        for (int i = 0; i < 100_000 && commands.isEmpty(); i++) {
            driver.advanceWallClockTime(settings.punctuationInterval());
        }
        long fanOut = THREADS.getCurrentThreadCpuTime() - before;
        long fanOutBytes = THREADS.getCurrentThreadAllocatedBytes() - allocated;
        commands.readValuesToList();

        TestInputTopic<String, DeliveryReceipt> receipts = driver.createInputTopic(
                topics.deliveryReceipts().name(), keys, topics.deliveryReceipts().valueSerde().serializer());
        List<DeliveryReceipt> noDevice = users.stream().map(user -> noDevice(campaignId, user, now)).toList();
        before = THREADS.getCurrentThreadCpuTime();
        allocated = THREADS.getCurrentThreadAllocatedBytes();
        noDevice.forEach(receipt -> receipts.pipeInput(campaignId, receipt));
        long receipted = THREADS.getCurrentThreadCpuTime() - before;
        long receiptBytes = THREADS.getCurrentThreadAllocatedBytes() - allocated;

        List<DeliveryEvent> events = driver.createOutputTopic(topics.deliveryEvents().name(),
                new StringDeserializer(), topics.deliveryEvents().valueSerde().deserializer()).readValuesToList();
        assertThat(events.stream().filter(DeliveryEvent::hasNotificationSent)).extracting(DeliveryEvent::getUserId)
                .containsExactlyElementsOf(users);
        assertThat(events.stream().filter(DeliveryEvent::hasNoDevice)).extracting(DeliveryEvent::getUserId)
                .containsExactlyElementsOf(users);
        driver.createOutputTopic(topics.notificationsPush().name(), new StringDeserializer(),
                topics.notificationsPush().valueSerde().deserializer()).readValuesToList();
        return new long[] {fanOut, receipted, fanOutBytes, receiptBytes};
    }

    private static double per100k(long cpuNanos) {
        return cpuNanos / 1e9 * 100_000 / MEMBERS;
    }

    private static Properties properties() throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "cpu-workflow");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("cpu-workflow").toString());
        return props;
    }

    private static DeliveryReceipt noDevice(String campaignId, String user, long at) {
        String deliveryId = Ids.deliveryId(campaignId, user);
        String pushId = Ids.pushId(deliveryId, 0);
        return DeliveryReceipt.newBuilder().setReceiptId(pushId + "/none").setOrganizationId(Campaigns.ORG)
                .setCampaignId(campaignId).setDeliveryId(deliveryId).setUserId(user).setPushId(pushId).setAttempt(1)
                .setOutcome(ReceiptOutcome.RECEIPT_OUTCOME_NO_DEVICE).setOccurredAt(Timestamps.fromMillis(at))
                .build();
    }
}
