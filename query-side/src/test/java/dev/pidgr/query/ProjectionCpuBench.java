package dev.pidgr.query;

import com.zaxxer.hikari.HikariDataSource;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.embedded.SharedTestInfra;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.query.projection.EndOffsets;
import dev.pidgr.query.projection.ProjectorSet;
import dev.pidgr.query.support.CampaignStream;
import dev.pidgr.query.support.Db;
import dev.pidgr.query.support.Kafka;
import dev.pidgr.query.support.ProcessCpu;
import dev.pidgr.query.support.RunStream;
import dev.pidgr.query.support.Tables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures (no thresholds) what the delivery projection costs per 100,000 deliveries to recipients
 * without device or email, whose deliveries each get a NotificationSent and then a DeliveryNoDevice.
 * Three waves: all NotificationSent of one campaign, then all its DeliveryNoDevice (the projector
 * kept up: each is its own batch), then a second campaign's events interleaved, a delivery's two
 * events about 10,000 records apart (the projector lags behind a fan-out while receipts come back:
 * whether both share a batch depends on its size). Figures per wave: CPU seconds of this JVM
 * (projector and in-process broker) and of PostgreSQL, and the WAL written, which hold on a loaded
 * machine where wall clock does not. One partition, so the waves reach the projector in the order
 * written. Prints them; asserts only the outcome. Run (-Dbench.batch=N -Dbench.fetchBytes=B to try
 * other batch and fetch sizes than the defaults):
 * ./mvnw -pl query-side -am verify -Dtest=ProjectionCpuBench -Dbench.exclude=none
 * -Dsurefire.failIfNoSpecifiedTests=false
 */
@Tag("bench")
class ProjectionCpuBench {

    private static final int DELIVERIES = 100_000;
    private static final int CHUNK = 5_000;
    /** The projector's batch (max.poll.records) as the defaults have it; -Dbench.batch=N tries another. */
    private static final int BATCH = Integer.getInteger("bench.batch",
            QuerySettings.defaults(new byte[16]).maxBatchRecords());
    private static final int ROUNDS = 3;
    private static final String ORG = "org-bench";
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    /**
     * CPU seconds of this JVM, of all of PostgreSQL and of those its client backends (the statements'
     * own work), and the WAL PostgreSQL wrote: a figure the machine's load does not blur.
     */
    private record Cost(double jvm, double postgres, double backends, long walBytes) {

        static Cost now(DataSource db) throws Exception {
            int port = SharedTestInfra.postgres().port();
            return new Cost(ProcessCpu.jvm(), ProcessCpu.postgres(port), ProcessCpu.postgresBackends(port),
                    Tables.count(db, "SELECT (pg_current_wal_lsn() - '0/0')::bigint"));
        }

        Cost since(Cost before) {
            return new Cost(jvm - before.jvm, postgres - before.postgres, backends - before.backends,
                    walBytes - before.walBytes);
        }

        @Override
        public String toString() {
            return String.format("JVM %.2f + PostgreSQL %.2f (backends %.2f) = %.2f CPU s, WAL %.0f MB", jvm,
                    postgres, backends, jvm + postgres, walBytes / 1e6);
        }
    }

    @Test
    void measureCpuPerHundredThousandDeliveries() throws Exception {
        try (Kafka kafka = new Kafka(1)) {
            RunStream separate = campaign(kafka);
            RunStream lagged = campaign(kafka);
            Map<TopicPartition, Long> sent = wave(kafka, i -> List.of(separate.sent(user(i), T0.plusMillis(i))));
            Map<TopicPartition, Long> noDevice = wave(kafka,
                    i -> List.of(separate.noDevice(user(i), T0.plusSeconds(60).plusMillis(i))));
            Map<TopicPartition, Long> lagging = lagging(kafka, lagged);
            for (int round = 1; round <= ROUNDS; round++) {
                try (HikariDataSource db = Db.fresh()) {
                    String active = QuerySide.migrate(db, "pidgr");
                    try (ProjectorSet projectors = new ProjectorSet(db, active, kafka.topics, consumerConfig(), BATCH,
                            Duration.ofMillis(200), null)) {
                        Cost start = Cost.now(db);
                        projectors.runUntil(sent);
                        Cost afterSent = Cost.now(db);
                        projectors.runUntil(noDevice);
                        Cost afterNoDevice = Cost.now(db);
                        projectors.runUntil(lagging);
                        Cost afterLagging = Cost.now(db);
                        System.out.printf("BENCH round %d per %,d deliveries: NotificationSent %s; NoDevice %s;"
                                        + " both, 10,000 records apart %s%n", round, DELIVERIES, afterSent.since(start),
                                afterNoDevice.since(afterSent), afterLagging.since(afterNoDevice));
                    }
                    long noDeviceRows = Tables.count(db, "SELECT count(*) FROM pidgr.deliveries WHERE status = "
                            + DeliveryStatus.DELIVERY_STATUS_NO_DEVICE_VALUE);
                    if (noDeviceRows != 2L * DELIVERIES) {
                        throw new AssertionError("projected " + noDeviceRows + " NO_DEVICE deliveries");
                    }
                    if (Tables.runsWithWrongCounts(db, active) != 0) {
                        throw new AssertionError("a run's counts differ from its deliveries' statuses");
                    }
                }
            }
        }
    }

    /** The broker's settings, with -Dbench.fetchBytes=B as the projector's max.partition.fetch.bytes if set. */
    private static Properties consumerConfig() {
        Properties config = Kafka.config();
        String fetchBytes = System.getProperty("bench.fetchBytes");
        if (fetchBytes != null) {
            config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, fetchBytes);
        }
        return config;
    }

    private static String user(int i) {
        return "user-" + i;
    }

    private static RunStream campaign(Kafka kafka) {
        CampaignStream campaign = new CampaignStream(ORG, UUID.randomUUID().toString());
        kafka.send(kafka.topics.campaignEvents(), List.of(campaign.created("Bench", DELIVERIES, T0)),
                CampaignEvent::getCampaignId);
        return new RunStream(ORG, campaign.id());
    }

    /**
     * Per 2,500 recipients their NotificationSent, and the DeliveryNoDevice of the recipients two
     * such steps before: a delivery's two events lie about 10,000 records apart, as when the
     * gateway's receipts come back while the workflow fans out further.
     */
    private static Map<TopicPartition, Long> lagging(Kafka kafka, RunStream run) throws Exception {
        int step = CHUNK / 2;
        int lag = 2;
        for (int k = 0; k < DELIVERIES / step + lag; k++) {
            List<DeliveryEvent> chunk = new ArrayList<>(CHUNK);
            for (int i = k * step; i < Math.min((k + 1) * step, DELIVERIES); i++) {
                chunk.add(run.sent(user(i), T0.plusMillis(i)));
            }
            for (int i = (k - lag) * step; k >= lag && i < (k - lag + 1) * step; i++) {
                chunk.add(run.noDevice(user(i), T0.plusSeconds(60).plusMillis(i)));
            }
            kafka.send(kafka.topics.deliveryEvents(), chunk, DeliveryEvent::getCampaignId);
        }
        return endOffsets(kafka);
    }

    /** Writes each recipient's events in transactions of CHUNK recipients; returns the end offsets after it. */
    private static Map<TopicPartition, Long> wave(Kafka kafka, IntFunction<List<DeliveryEvent>> events)
            throws Exception {
        for (int from = 0; from < DELIVERIES; from += CHUNK) {
            List<DeliveryEvent> chunk = new ArrayList<>(CHUNK);
            for (int i = from; i < from + CHUNK; i++) {
                chunk.addAll(events.apply(i));
            }
            kafka.send(kafka.topics.deliveryEvents(), chunk, DeliveryEvent::getCampaignId);
        }
        return endOffsets(kafka);
    }

    private static Map<TopicPartition, Long> endOffsets(Kafka kafka) throws Exception {
        try (Admin admin = Admin.create(Kafka.config())) {
            return EndOffsets.of(admin, List.of(kafka.topics.campaignEvents().name(),
                    kafka.topics.templateEvents().name(), kafka.topics.deliveryEvents().name()));
        }
    }
}
