package dev.pidgr.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.TemplateType;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.TemplateEvent;
import dev.pidgr.query.support.CampaignStream;
import dev.pidgr.query.support.Db;
import dev.pidgr.query.support.Kafka;
import dev.pidgr.query.support.RunStream;
import dev.pidgr.query.support.Tables;
import dev.pidgr.query.support.TemplateStream;
import dev.pidgr.query.support.Wait;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

class QuerySideTest {

    private static final String ORG = "org-a";
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    private Kafka kafka;
    private HikariDataSource db;
    private final List<QuerySide> started = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        kafka = new Kafka(3);
        db = Db.fresh();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (QuerySide side : started) {
            side.close();
        }
        kafka.close();
        db.close();
    }

    private QuerySide start(int maxBatch) throws Exception {
        QuerySide side = new QuerySide(db, Kafka.config(), kafka.topics,
                QuerySettings.defaults("query-side-test-key-32-bytes-long".getBytes()).withMaxBatchRecords(maxBatch));
        started.add(side);
        side.start();
        return side;
    }

    @Test
    void shouldProjectWhatIsOnTheTopicsAndBecomeReadyOnceCaughtUp() throws Exception {
        CampaignStream campaign = new CampaignStream(ORG, UUID.randomUUID().toString());
        RunStream run = new RunStream(ORG, campaign.id());
        kafka.send(kafka.topics.templateEvents(), List.of(new TemplateStream(ORG, "t1")
                .created("Welcome", TemplateType.TEMPLATE_TYPE_MARKDOWN, T0)), TemplateEvent::getTemplateId);
        kafka.send(kafka.topics.campaignEvents(), List.of(campaign.created("Policy", 2, T0), campaign.started(T0)),
                CampaignEvent::getCampaignId);
        kafka.send(
                kafka.topics.deliveryEvents(),
                List.of(run.sent("u1", T0), run.sent("u2", T0)),
                DeliveryEvent::getCampaignId);

        QuerySide side = start(5_000);
        Wait.until("ready", side::isReady);

        assertThat(side.reads().campaign(ORG, campaign.id()).orElseThrow().getDeliveryCounts().getSent()).isEqualTo(2);
        assertThat(side.reads().templateVersion("t1")).isEqualTo(1);
        assertThat(side.lag().eventsBehind()).isZero();
        assertThat(side.isProjecting()).isTrue();

        kafka.send(kafka.topics.deliveryEvents(), List.of(run.acknowledged("u1", DeliveryStatus.DELIVERY_STATUS_SENT,
                T0.plusSeconds(1))), DeliveryEvent::getCampaignId);
        Wait.until("the acknowledgement is projected", () ->
                side.reads().campaign(ORG, campaign.id()).orElseThrow().getActionCompletedCount() == 1);
        Wait.until("no lag", () -> side.lag().eventsBehind() == 0 && side.lag().secondsBehind() == 0);
    }

    @Test
    void shouldResumeFromTheStoredOffsetsAfterARestartWithNothingLostOrDoubled() throws Exception {
        CampaignStream campaign = new CampaignStream(ORG, UUID.randomUUID().toString());
        RunStream run = new RunStream(ORG, campaign.id());
        kafka.send(
                kafka.topics.campaignEvents(),
                List.of(campaign.created("Big", 3_000, T0)),
                CampaignEvent::getCampaignId);
        kafka.send(kafka.topics.deliveryEvents(), sends(run, 0, 2_000), DeliveryEvent::getCampaignId);
        QuerySide first = start(100);
        Wait.until("part of the stream is applied", () -> deliveries() > 0);
        first.close();
        long appliedBeforeStop = deliveries();

        kafka.send(kafka.topics.deliveryEvents(), sends(run, 2_000, 3_000), DeliveryEvent::getCampaignId);
        QuerySide second = start(100);
        Wait.until("ready after the restart", second::isReady);

        assertThat(appliedBeforeStop).isBetween(1L, 2_000L);
        assertThat(deliveries()).isEqualTo(3_000);
        assertThat(second.reads()
                        .campaign(ORG, campaign.id())
                        .orElseThrow()
                        .getDeliveryCounts()
                        .getSent())
                .isEqualTo(3_000);
        assertThat(Tables.count(
                        db, "SELECT sum(next_offset) FROM pidgr.projection_offsets WHERE projection = 'deliveries'"))
                .isGreaterThanOrEqualTo(3_000);
        assertThat(second.lag().eventsBehind()).isZero();
    }

    @Test
    void shouldNeverProjectAnAbortedTransaction() throws Exception {
        CampaignStream campaign = new CampaignStream(ORG, UUID.randomUUID().toString());
        CampaignStream aborted = new CampaignStream(ORG, UUID.randomUUID().toString());
        kafka.sendAborted(
                kafka.topics.campaignEvents(),
                List.of(aborted.created("Aborted", 1, T0)),
                CampaignEvent::getCampaignId);
        kafka.send(
                kafka.topics.campaignEvents(), List.of(campaign.created("Kept", 1, T0)), CampaignEvent::getCampaignId);

        QuerySide side = start(5_000);
        Wait.until("ready", side::isReady);

        assertThat(side.reads().campaign(ORG, campaign.id())).isPresent();
        assertThat(side.reads().campaign(ORG, aborted.id())).isEmpty();
        assertThat(side.lag().eventsBehind()).isZero();
    }

    @Test
    void shouldSkipWhatCannotBeAppliedAndCarryOn() throws Exception {
        TemplateEvent overflowing = new TemplateStream(ORG, "t-bad").created("Bad", TemplateType.TEMPLATE_TYPE_HTML, T0)
                .toBuilder().setVersion(1L << 40).build();
        kafka.send(
                kafka.topics.templateEvents(),
                List.of(
                        new TemplateStream(ORG, "t-before").created("Before", TemplateType.TEMPLATE_TYPE_HTML, T0),
                        overflowing,
                        new TemplateStream(ORG, "t-after").created("After", TemplateType.TEMPLATE_TYPE_HTML, T0)),
                e -> "same-key");
        kafka.sendRaw(kafka.topics.campaignEvents().name(), "c-garbage", new byte[] {(byte) 0xff, 0x01, 0x02});

        QuerySide side = start(5_000);
        Wait.until("ready", side::isReady);

        assertThat(side.reads().templateVersion("t-before")).isEqualTo(1);
        assertThat(side.reads().templateVersion("t-after")).isEqualTo(1);
        assertThat(side.reads().templateVersion("t-bad")).isZero();
        assertThat(Tables.count(db, "SELECT count(*) FROM pidgr.projection_skipped")).isEqualTo(2);
        assertThat(side.lag().eventsBehind()).isZero();
    }

    @Test
    void shouldNotCountASecondNotificationForTheSameDeliveryTwice() throws Exception {
        CampaignStream campaign = new CampaignStream(ORG, UUID.randomUUID().toString());
        RunStream run = new RunStream(ORG, campaign.id());
        kafka.send(
                kafka.topics.campaignEvents(), List.of(campaign.created("Twice", 2, T0)), CampaignEvent::getCampaignId);
        kafka.send(kafka.topics.deliveryEvents(), List.of(run.sent("u1", T0), run.sent("u2", T0),
                run.acknowledged("u1", DeliveryStatus.DELIVERY_STATUS_SENT, T0.plusSeconds(1)),
                run.sent("u1", T0.plusSeconds(2))), DeliveryEvent::getCampaignId);
        QuerySide side = start(5_000);
        Wait.until("ready", side::isReady);

        kafka.send(
                kafka.topics.deliveryEvents(),
                List.of(run.sent("u2", T0.plusSeconds(3))),
                DeliveryEvent::getCampaignId);
        Wait.until("the duplicate is refused and recorded", () ->
                Tables.count(db, "SELECT count(*) FROM pidgr.projection_skipped") == 1);

        var counts = side.reads().campaign(ORG, campaign.id()).orElseThrow().getDeliveryCounts();
        assertThat(counts.getSent()).isEqualTo(1);
        assertThat(counts.getAcknowledged()).isEqualTo(1);
        assertThat(Tables.runsWithWrongCounts(db, "pidgr_p1")).isZero();
        assertThat(side.lag().eventsBehind()).isZero();
    }

    @Test
    void shouldLetOneProcessProjectAndAnotherTakeOverWhenItStops() throws Exception {
        CampaignStream campaign = new CampaignStream(ORG, UUID.randomUUID().toString());
        kafka.send(
                kafka.topics.campaignEvents(),
                List.of(campaign.created("Shared", 1, T0)),
                CampaignEvent::getCampaignId);
        QuerySide one = start(5_000);
        QuerySide two = start(5_000);
        Wait.until("both ready", () -> one.isReady() && two.isReady());
        assertThat(one.isProjecting() ^ two.isProjecting()).isTrue();
        QuerySide leader = one.isProjecting() ? one : two;
        QuerySide standby = leader == one ? two : one;

        leader.close();
        Wait.until("the standby takes over", standby::isProjecting);
        kafka.send(
                kafka.topics.campaignEvents(),
                List.of(campaign.started(T0.plusSeconds(1))),
                CampaignEvent::getCampaignId);

        Wait.until("the new leader projects", () -> standby.reads().campaignVersion(campaign.id()) == 2);
    }

    @Test
    void shouldNotifyTheChannelAfterEachCommittedBatch() throws Exception {
        QuerySide side = start(5_000);
        Wait.until("ready", side::isReady);
        try (Connection listener = db.getConnection()) {
            listener.createStatement().execute("LISTEN " + side.notifyChannel());
            CampaignStream campaign = new CampaignStream(ORG, UUID.randomUUID().toString());
            kafka.send(
                    kafka.topics.campaignEvents(),
                    List.of(campaign.created("Notified", 1, T0)),
                    CampaignEvent::getCampaignId);

            var notifications = listener.unwrap(PGConnection.class).getNotifications(30_000);

            assertThat(notifications).isNotEmpty();
            assertThat(notifications[0].getParameter()).isEqualTo("campaigns");
            assertThat(side.reads().campaignVersion(campaign.id())).isEqualTo(1);
        }
    }

    @Test
    void shouldWakeAWaiterWhenItsVersionIsProjected() throws Exception {
        CampaignStream campaign = new CampaignStream(ORG, UUID.randomUUID().toString());
        kafka.send(
                kafka.topics.campaignEvents(),
                List.of(campaign.created("Waited for", 1, T0)),
                CampaignEvent::getCampaignId);
        QuerySide side = start(5_000);
        Wait.until("ready", side::isReady);
        try (ProjectionWaiter waiter = new ProjectionWaiter(db, side.reads(), side.notifyChannel())) {
            var waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return waiter.awaitCampaignVersion(campaign.id(), 2, java.time.Duration.ofSeconds(60));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            kafka.send(
                    kafka.topics.campaignEvents(),
                    List.of(campaign.started(T0.plusSeconds(1))),
                    CampaignEvent::getCampaignId);

            assertThat(waiting.get()).isTrue();
            assertThat(side.reads().campaignVersion(campaign.id())).isEqualTo(2);
            assertThat(waiter.awaitCampaignVersion(campaign.id(), 3, java.time.Duration.ofMillis(300))).isFalse();
            assertThat(waiter.awaitTemplateVersion("no-such-template", 1, java.time.Duration.ofMillis(100))).isFalse();
        }
    }

    @Test
    void shouldExposeLagAsGaugesPerProjection() throws Exception {
        RunStream run = new RunStream(ORG, UUID.randomUUID().toString());
        kafka.send(kafka.topics.deliveryEvents(), List.of(run.sent("u1", T0)), DeliveryEvent::getCampaignId);
        QuerySide side = start(5_000);
        Wait.until("ready", side::isReady);
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

        ProjectionMetrics.bind(registry, side::lag);

        assertThat(registry.get("pidgr.projection.lag.events")
                        .tag("projection", "deliveries")
                        .gauge()
                        .value())
                .isZero();
        assertThat(registry.get("pidgr.projection.lag.seconds")
                        .tag("projection", "campaigns")
                        .gauge()
                        .value())
                .isZero();
        assertThat(registry.find("pidgr.projection.lag.events").gauges()).hasSize(3);
    }

    private long deliveries() throws Exception {
        return Tables.count(db, "SELECT count(*) FROM pidgr.deliveries");
    }

    private static List<DeliveryEvent> sends(RunStream run, int from, int to) {
        List<DeliveryEvent> events = new ArrayList<>();
        for (int i = from; i < to; i++) {
            events.add(run.sent("user-" + i, T0.plusMillis(i)));
        }
        return events;
    }
}
