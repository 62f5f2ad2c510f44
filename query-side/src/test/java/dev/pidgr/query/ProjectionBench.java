package dev.pidgr.query;

import com.zaxxer.hikari.HikariDataSource;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.query.delivery.DeliveryRow;
import dev.pidgr.query.projection.EndOffsets;
import dev.pidgr.query.projection.ProjectorSet;
import dev.pidgr.query.support.CampaignStream;
import dev.pidgr.query.support.Db;
import dev.pidgr.query.support.Kafka;
import dev.pidgr.query.support.RunStream;
import dev.pidgr.query.support.Tables;
import java.io.StringReader;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Measures (no thresholds) how fast the delivery projection catches up on one 100,000-member
 * fan-out read from the real broker, next to a plain COPY of 100,000 delivery rows of the same
 * shape (same table definition, indexes included) in the same run. Prints the figures.
 */
@Tag("bench")
class ProjectionBench {

    private static final int EVENTS = 100_000;
    private static final String ORG = "org-bench";
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    private static final int ROUNDS = 3;

    @Test
    void measureCatchUpAgainstCopy() throws Exception {
        try (Kafka kafka = new Kafka(6)) {
            List<DeliveryRow> rows = produce(kafka);
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                try (HikariDataSource db = Db.fresh()) {
                    double projectRate = project(kafka, db);
                    double copyRate = EVENTS / copy(db, "pidgr_p1", rows);
                    ratios.add(projectRate / copyRate);
                    System.out.printf(
                            "BENCH round %d: projection catch-up %.0f events/s, COPY %.0f rows/s, ratio %.2f%n",
                            round, projectRate, copyRate, projectRate / copyRate);
                }
            }
            ratios.sort(null);
            System.out.printf("BENCH median ratio projection / COPY over %d rounds: %.2f%n%n", ROUNDS,
                    ratios.get(ROUNDS / 2));
        }
    }

    /**
     * One campaign's fan-out: 100,000 NotificationSent events on one partition, as the workflow processor writes them.
     */
    private static List<DeliveryRow> produce(Kafka kafka) {
        CampaignStream campaign = new CampaignStream(ORG, UUID.randomUUID().toString());
        RunStream run = new RunStream(ORG, campaign.id());
        kafka.send(
                kafka.topics.campaignEvents(),
                List.of(campaign.created("Bench", EVENTS, T0)),
                CampaignEvent::getCampaignId);
        List<DeliveryRow> rows = new ArrayList<>(EVENTS);
        for (int from = 0; from < EVENTS; from += 5_000) {
            List<DeliveryEvent> chunk = new ArrayList<>();
            for (int i = from; i < from + 5_000; i++) {
                DeliveryEvent sent = run.sent("user-" + i, T0.plusMillis(i));
                chunk.add(sent);
                rows.add(DeliveryRow.sent(sent.getDeliveryId(), campaign.id(), ORG, sent.getUserId(), T0.plusMillis(i),
                        sent.getNotificationSent().getMessage().toByteArray()));
            }
            kafka.send(kafka.topics.deliveryEvents(), chunk, DeliveryEvent::getCampaignId);
        }
        return rows;
    }

    /** Projects everything on the topics into a fresh database; returns delivery events per second. */
    private static double project(Kafka kafka, HikariDataSource db) throws Exception {
        String active = QuerySide.migrate(db, "pidgr");
        Map<TopicPartition, Long> ends;
        try (Admin admin = Admin.create(Kafka.config())) {
            ends = EndOffsets.of(admin, List.of(kafka.topics.campaignEvents().name(),
                    kafka.topics.templateEvents().name(), kafka.topics.deliveryEvents().name()));
        }
        long started = System.nanoTime();
        try (ProjectorSet projectors = new ProjectorSet(db, active, kafka.topics, Kafka.config(), 5_000,
                Duration.ofMillis(200), null)) {
            projectors.runUntil(ends);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long projected = Tables.count(db, "SELECT count(*) FROM pidgr.deliveries");
        if (projected != EVENTS) {
            throw new AssertionError("projected " + projected + " deliveries, expected " + EVENTS);
        }
        return projected / seconds;
    }

    private static double copy(HikariDataSource db, String schema, List<DeliveryRow> rows) throws Exception {
        StringBuilder text = new StringBuilder(rows.size() * 700);
        HexFormat hex = HexFormat.of();
        for (DeliveryRow r : rows) {
            text.append(r.id()).append('\t').append(r.campaignId()).append('\t').append(r.organizationId()).append('\t')
                    .append(r.userId()).append('\t').append(r.status().getNumber()).append('\t').append(r.sentAt())
                    .append("\t\\N\t\\N\t\\N\t\\N\t0\t\\N\t\\\\x").append(hex.formatHex(r.message())).append('\t')
                    .append(r.inboxChangedAt()).append('\n');
        }
        try (Connection c = db.getConnection()) {
            c.createStatement().execute("CREATE TABLE " + schema + ".copy_scratch (LIKE " + schema
                    + ".deliveries INCLUDING ALL)");
            long started = System.nanoTime();
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + schema + ".copy_scratch (id, campaign_id,"
                    + " organization_id, user_id, status, sent_at, delivered_at, read_at, acknowledged_at, missed_at,"
                    + " reminder_count, last_reminded_at, message, inbox_changed_at) FROM STDIN",
                    new StringReader(text.toString()));
            return (System.nanoTime() - started) / 1e9;
        }
    }
}
