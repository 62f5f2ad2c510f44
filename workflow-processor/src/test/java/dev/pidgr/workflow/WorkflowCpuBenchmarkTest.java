package dev.pidgr.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.DeliveryReceipt;
import dev.pidgr.events.v1.ReceiptOutcome;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures (no threshold) the CPU the workflow's stream thread spends per 100,000 deliveries of a fan-out and per
 * 100,000 NO_DEVICE receipts, on the embedded broker, as CPU seconds of that one thread (less at the mercy of other
 * work on the machine than wall-clock time, though a heavily loaded machine still spreads it by 20% from run to
 * run), next to the CPU a plain producer's sending thread spends on as many records of the same size in the same
 * run. Checks that every member got one NotificationSent and one DeliveryNoDevice.
 * {@code -Dpidgr.benchmark.cpuMembers=N} changes the audience size (5,000 by default; docs/benchmarks.md has the
 * 100,000 figures). Tagged "bench": run with {@code -Dbench.exclude=none}.
 */
@Tag("bench")
class WorkflowCpuBenchmarkTest {

    private static final String CAMPAIGN = "c0000000-0000-4000-8000-0000000000c0";
    private static final int MEMBERS = Integer.getInteger("pidgr.benchmark.cpuMembers", 5_000);
    private static final int PARTITIONS = 3;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void shouldReportTheStreamThreadsCpuPerDeliveryAndPerReceipt() throws Exception {
        List<String> users = Campaigns.users(MEMBERS);
        WorkflowDefinition workflow = Campaigns.workflow(Campaigns.send("send", Map.of()));
        try (Broker broker = new Broker(PARTITIONS)) {
            broker.send(broker.topics.templateEvents(), Campaigns.TEMPLATE, Campaigns.template(
                    "Hello {{name}}, the new **travel policy** is out: please read it and confirm."));
            List<CampaignEvent> created = Campaigns.created(CAMPAIGN, workflow, users, 1000);
            created.forEach(e -> broker.send(broker.topics.campaignEvents(), CAMPAIGN, e));
            broker.flush();
            WorkflowSettings settings = WorkflowSettings.defaults().withWebhookSecret(WorkflowDriver.SECRET);
            String group = broker.topics.prefix() + "pidgr-workflow";
            try (WorkflowProcessor processor = new WorkflowProcessor(broker.streamsConfig(Broker.newStateDir()),
                    broker.topics, settings)) {
                processor.start();
                broker.awaitConsumed(group, broker.topics.campaignEvents().name());
                long thread = streamThread(processor);

                long before = THREADS.getThreadCpuTime(thread);
                broker.send(broker.topics.campaignEvents(), CAMPAIGN,
                        Campaigns.started(CAMPAIGN, created.size() + 1, workflow, System.currentTimeMillis()));
                broker.flush();
                assertThat(broker.readUntil(broker.topics.campaignCommands(), Duration.ofMinutes(5),
                        r -> !r.isEmpty())).hasSize(1);
                long fanOut = THREADS.getThreadCpuTime(thread) - before;

                users.forEach(user -> broker.send(broker.topics.deliveryReceipts(), CAMPAIGN, noDevice(user)));
                before = THREADS.getThreadCpuTime(thread);
                broker.flush();
                broker.awaitConsumed(group, broker.topics.deliveryReceipts().name());
                long receipts = THREADS.getThreadCpuTime(thread) - before;

                int eventBytes = verify(broker, users);
                long producer = plainProducer(broker, 2 * MEMBERS, eventBytes);
                String report = String.format("workflow stream thread CPU per 100,000: deliveries %.2f s (two records"
                                + " each, %,d B per NotificationSent), NO_DEVICE receipts %.2f s; a plain producer's"
                                + " sending thread for as many records (200,000) of %,d B: %.2f s; ratios %.2f and %.2f"
                                + " (%,d members)",
                        per100k(fanOut), eventBytes, per100k(receipts), eventBytes, per100k(producer),
                        (double) fanOut / producer, (double) receipts / producer, MEMBERS);
                System.out.println("BENCHMARK " + report);
            }
        }
    }

    private static double per100k(long cpuNanos) {
        return cpuNanos / 1e9 * 100_000 / MEMBERS;
    }

    /** The id of the workflow's one stream thread. */
    private static long streamThread(WorkflowProcessor processor) {
        List<String> names = processor.streams().metadataForLocalThreads().stream()
                .map(metadata -> metadata.threadName()).toList();
        assertThat(names).hasSize(1);
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(names.getFirst()))
                .findFirst().orElseThrow().threadId();
    }

    private static DeliveryReceipt noDevice(String user) {
        String deliveryId = Ids.deliveryId(CAMPAIGN, user);
        String pushId = Ids.pushId(deliveryId, 0);
        return DeliveryReceipt.newBuilder().setReceiptId(pushId + "/none").setOrganizationId(Campaigns.ORG)
                .setCampaignId(CAMPAIGN).setDeliveryId(deliveryId).setUserId(user).setPushId(pushId).setAttempt(1)
                .setOutcome(ReceiptOutcome.RECEIPT_OUTCOME_NO_DEVICE)
                .setOccurredAt(Timestamps.fromMillis(System.currentTimeMillis())).build();
    }

    /** One NotificationSent and one DeliveryNoDevice per member; returns a NotificationSent's average size. */
    private static int verify(Broker broker, List<String> users) {
        List<DeliveryEvent> events = broker.readAll(broker.topics.deliveryEvents()).stream().map(r -> r.value())
                .toList();
        List<DeliveryEvent> sent = events.stream().filter(DeliveryEvent::hasNotificationSent).toList();
        assertThat(sent).extracting(DeliveryEvent::getUserId).containsExactlyInAnyOrderElementsOf(users);
        assertThat(events.stream().filter(DeliveryEvent::hasNoDevice)).extracting(DeliveryEvent::getUserId)
                .containsExactlyInAnyOrderElementsOf(users);
        return (int) (sent.stream().mapToLong(DeliveryEvent::getSerializedSize).sum() / sent.size());
    }

    /** The sending thread's CPU for {@code count} records of {@code bytes}, with default producer settings. */
    private static long plainProducer(Broker broker, int count, int bytes) throws Exception {
        String topic = broker.topics.prefix() + "benchmark.cpu-baseline";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        byte[] value = new byte[bytes];
        java.util.Arrays.fill(value, (byte) 'x');
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap), new StringSerializer(),
                new ByteArraySerializer())) {
            for (int p = 0; p < PARTITIONS; p++) { // every partition has a leader and the producer knows it
                producer.send(new ProducerRecord<>(topic, p, null, value)).get(60, TimeUnit.SECONDS);
            }
            long before = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, CAMPAIGN, value));
            }
            producer.flush();
            return THREADS.getCurrentThreadCpuTime() - before;
        }
    }
}
