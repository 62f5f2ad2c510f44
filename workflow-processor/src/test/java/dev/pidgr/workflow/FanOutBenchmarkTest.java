package dev.pidgr.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.DeliveryEvent;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures (no threshold) the SEND_NOTIFICATION fan-out of a large campaign on the embedded broker,
 * from CampaignStarted to the last NotificationSent committed (the CompleteCampaign command is
 * written in the same transaction), next to a plain idempotent producer writing as many records of
 * the same size to the same broker in the same run. Checks that every member got exactly one
 * notification. {@code -Dpidgr.benchmark.members=N} changes the audience size.
 */
class FanOutBenchmarkTest {

    private static final Logger LOG = LoggerFactory.getLogger(FanOutBenchmarkTest.class);
    private static final String CAMPAIGN = "c0000000-0000-4000-8000-0000000000be";
    private static final int MEMBERS = Integer.getInteger("pidgr.benchmark.members", 100_000);
    private static final int PARTITIONS = 6;
    private static long startedAtMillis;
    private static String phases = "";

    @Test
    void shouldFanOutALargeCampaignAndReportItsSpeedAgainstAPlainProducer() throws Exception {
        List<String> users = Campaigns.users(MEMBERS);
        WorkflowDefinition workflow = Campaigns.workflow(Campaigns.send("send", Map.of()));
        try (Broker broker = new Broker(PARTITIONS)) {
            broker.send(
                    broker.topics.templateEvents(),
                    Campaigns.TEMPLATE,
                    Campaigns.template(
                            "Hello {{name}}, the new **travel policy** is out: please read it and confirm."));
            List<CampaignEvent> created = Campaigns.created(CAMPAIGN, workflow, users, 1000);
            created.forEach(e -> broker.send(broker.topics.campaignEvents(), CAMPAIGN, e));
            broker.flush();
            WorkflowSettings settings = WorkflowSettings.defaults().withWebhookSecret(WorkflowDriver.SECRET);
            java.util.Properties config = broker.streamsConfig(Broker.newStateDir());
            config.put("commit.interval.ms", Integer.getInteger("pidgr.benchmark.commitMs", 100));
            System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("pidgr.benchmark.streams."))
                    .forEach(k -> config.put(k.substring("pidgr.benchmark.streams.".length()), System.getProperty(k)));
            String compression = System.getProperty("pidgr.benchmark.compression");
            if (compression != null) {
                config.put("producer.compression.type", compression);
            }
            try (WorkflowProcessor processor = new WorkflowProcessor(config, broker.topics, settings)) {
                processor.start();
                broker.awaitConsumed(broker.topics.prefix() + "pidgr-workflow", broker.topics.campaignEvents().name());

                long started = System.nanoTime();
                startedAtMillis = System.currentTimeMillis();
                broker.send(broker.topics.campaignEvents(), CAMPAIGN,
                        Campaigns.started(CAMPAIGN, created.size() + 1, workflow, System.currentTimeMillis()));
                broker.flush();
                List<?> commands =
                        broker.readUntil(broker.topics.campaignCommands(), Duration.ofMinutes(5), r -> !r.isEmpty());
                double fanOutSeconds = (System.nanoTime() - started) / 1e9;
                assertThat(commands).hasSize(1);

                int recordBytes = verifyAndMeasure(broker, users);
                double producerSeconds = plainProducer(broker, recordBytes);
                String report = String.format(
                        "fan-out of %,d members: %.2f s (%,.0f deliveries/s, %,d B per NotificationSent); plain"
                                + " idempotent producer, %,d records of %,d B: %.2f s (%,.0f records/s); ratio %.0f%%",
                        MEMBERS,
                        fanOutSeconds,
                        MEMBERS / fanOutSeconds,
                        recordBytes,
                        MEMBERS,
                        recordBytes,
                        producerSeconds,
                        MEMBERS / producerSeconds,
                        100 * producerSeconds / fanOutSeconds);
                report += phases + threadRatios(processor);
                LOG.info("BENCHMARK {}", report);
                System.out.println("BENCHMARK " + report);
            }
        }
    }

    /** Where the stream thread spent its time (Kafka Streams' thread metrics, over the last 30 s window). */
    private static String threadRatios(WorkflowProcessor processor) {
        StringBuilder ratios = new StringBuilder("; stream thread time:");
        processor.streams().metrics().forEach((name, metric) -> {
            if (name.group().equals("stream-thread-metrics") && name.name().endsWith("-ratio")) {
                ratios.append(String.format(" %s %.2f", name.name(), ((Number) metric.metricValue()).doubleValue()));
            }
        });
        return ratios.toString();
    }

    /** Every member got exactly one NotificationSent; returns their average serialized size. */
    private static int verifyAndMeasure(Broker broker, List<String> users) {
        List<ConsumerRecord<String, DeliveryEvent>> records = broker.readUntil(
                broker.topics.deliveryEvents(), Duration.ofMinutes(5), r -> r.size() >= users.size() + 3);
        Set<String> served = new HashSet<>();
        long bytes = 0;
        int sent = 0;
        for (ConsumerRecord<String, DeliveryEvent> record : records) {
            if (record.value().hasNotificationSent()) {
                assertThat(served.add(record.value().getUserId())).isTrue();
                bytes += record.serializedValueSize();
                sent++;
            }
        }
        assertThat(sent).isEqualTo(users.size());
        long first = records.stream()
                .filter(r -> r.value().hasNotificationSent())
                .mapToLong(ConsumerRecord::timestamp)
                .min()
                .orElse(0);
        long last = records.stream()
                .filter(r -> r.value().hasNotificationSent())
                .mapToLong(ConsumerRecord::timestamp)
                .max()
                .orElse(0);
        phases = String.format(
                "; start to first notification %d ms, first to last %d ms", first - startedAtMillis, last - first);
        assertThat(records).hasSize(users.size() + 3);
        return (int) (bytes / sent);
    }

    /** A producer with the default settings (idempotent, acks=all), unkeyed records: the plainest baseline. */
    private static double plainProducer(Broker broker, int recordBytes) throws Exception {
        String topic = broker.topics.prefix() + "benchmark.baseline";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        byte[] value = new byte[recordBytes];
        java.util.Arrays.fill(value, (byte) 'x');
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (int p = 0; p < PARTITIONS; p++) { // warm up: every partition has a leader and the producer knows it
                producer.send(new ProducerRecord<>(topic, p, null, value)).get(60, TimeUnit.SECONDS);
            }
            java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
            long started = System.nanoTime();
            for (int i = 0; i < MEMBERS; i++) {
                producer.send(
                        new ProducerRecord<>(topic, null, value), (metadata, error) -> { // no key: every partition
                            if (error != null) {
                                failed.incrementAndGet();
                            }
                        });
            }
            producer.flush();
            assertThat(failed).hasValue(0);
            return (System.nanoTime() - started) / 1e9;
        }
    }
}
