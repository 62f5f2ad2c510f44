package dev.pidgr.query;

import static dev.pidgr.api.v1.DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED;
import static dev.pidgr.api.v1.DeliveryStatus.DELIVERY_STATUS_DELIVERED;
import static dev.pidgr.api.v1.DeliveryStatus.DELIVERY_STATUS_MISSED;
import static dev.pidgr.api.v1.DeliveryStatus.DELIVERY_STATUS_SENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.Delivery;
import dev.pidgr.api.v1.DeliveryCounts;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.query.delivery.TimelineCounts;
import dev.pidgr.query.sql.Sql;
import dev.pidgr.query.support.CampaignStream;
import dev.pidgr.query.support.Db;
import dev.pidgr.query.support.RunStream;
import dev.pidgr.query.support.Tables;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CampaignProjectionTest {

    private static final String ORG = "org-a";
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00.123456Z");

    private HikariDataSource db;
    private Direct direct;
    private PostgresReads reads;
    private final CampaignStream campaign = new CampaignStream(ORG, "7d3c4a52-9a57-4f2e-b7b5-1a0f5e0c2a11");
    private final RunStream run = new RunStream(ORG, campaign.id());

    @BeforeEach
    void setUp() throws Exception {
        db = Db.fresh();
        direct = Direct.on(db);
        reads = new PostgresReads(db, new PageTokens(new byte[32]));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void shouldCountCurrentStatusesWhenAnAcknowledgementComesAfterMissed() throws Exception {
        direct.campaigns(campaign.created("Policy", 3, T0), campaign.started(T0.plusSeconds(1)));
        direct.deliveries(run.sent("u1", t(2)), run.sent("u2", t(2)), run.sent("u3", t(2)), run.received("u1", t(3)),
                run.acknowledged("u3", DELIVERY_STATUS_SENT, t(4)));
        direct.deliveries(
                run.missed("u1", DELIVERY_STATUS_DELIVERED, t(5)), run.missed("u2", DELIVERY_STATUS_SENT, t(5)));
        direct.deliveries(run.acknowledged("u1", DELIVERY_STATUS_MISSED, t(6)));

        Campaign projected = reads.campaign(ORG, campaign.id()).orElseThrow();

        assertThat(projected.getDeliveryCounts())
                .isEqualTo(DeliveryCounts.newBuilder()
                        .setAcknowledged(2)
                        .setMissed(1)
                        .build());
        assertThat(projected.getActionCompletedCount()).isEqualTo(2);
        assertThat(projected.getMissedCount()).isEqualTo(1);
        Delivery late = deliveryOf("u1");
        assertThat(late.getStatus()).isEqualTo(DELIVERY_STATUS_ACKNOWLEDGED);
        assertThat(late.getAcknowledgedAt()).isEqualTo(Sql.timestamp(t(6)));
        assertThat(late.getMissedAt()).isEqualTo(Sql.timestamp(t(5)));
        assertThat(late.getDeliveredAt()).isEqualTo(Sql.timestamp(t(3)));
    }

    @Test
    void shouldShowAScheduledCampaignWithItsStartUntilItStarts() throws Exception {
        Instant startAt = T0.plusSeconds(3600);
        direct.campaigns(campaign.created("Policy", 3, T0), campaign.scheduled(startAt, T0.plusSeconds(1)));

        Campaign scheduled = reads.campaign(ORG, campaign.id()).orElseThrow();
        assertThat(scheduled.getStatus()).isEqualTo(CampaignStatus.CAMPAIGN_STATUS_SCHEDULED);
        assertThat(scheduled.getScheduledStartAt()).isEqualTo(Sql.timestamp(startAt));
        assertThat(reads.campaigns(ORG, CampaignStatus.CAMPAIGN_STATUS_SCHEDULED, new PageRequest(10, "")).items())
                .extracting(Campaign::getId).containsExactly(campaign.id());

        direct.campaigns(campaign.started(startAt.plusMillis(40)));
        Campaign started = reads.campaign(ORG, campaign.id()).orElseThrow();
        assertThat(started.getStatus()).isEqualTo(CampaignStatus.CAMPAIGN_STATUS_ACTIVE);
        assertThat(started.hasScheduledStartAt()).isFalse();
        assertThat(started.getStartedAt()).isEqualTo(Sql.timestamp(startAt.plusMillis(40)));
    }

    @Test
    void shouldKeepTheTimelineAtEveryGranularityAcrossBatches() throws Exception {
        Instant hour = Instant.parse("2026-11-30T09:00:00Z");
        direct.campaigns(campaign.created("Policy", 3, hour), campaign.started(hour));
        direct.deliveries(
                run.sent("u1", hour.plusMillis(200)),
                run.sent("u2", hour.plusMillis(700)),
                run.sent("u3", hour.plusSeconds(1)));
        direct.deliveries(
                run.received("u1", hour.plusSeconds(61)),
                run.acknowledged("u1", DELIVERY_STATUS_DELIVERED, hour.plusSeconds(62)),
                run.reminded("u2", 1, hour.plusSeconds(3_601)));
        direct.deliveries(
                run.missed("u2", DELIVERY_STATUS_SENT, hour.plusSeconds(3_602)),
                run.acknowledged("u3", DELIVERY_STATUS_SENT, hour.plusSeconds(3_603)));

        List<TimelineEntry> seconds = reads.timeline(ORG, campaign.id(), 1);
        List<TimelineEntry> minutes = reads.timeline(ORG, campaign.id(), 60);
        List<TimelineEntry> hours = reads.timeline(ORG, campaign.id(), 3600);

        assertThat(seconds)
                .extracting(TimelineEntry::at)
                .containsExactly(
                        hour,
                        hour.plusSeconds(1),
                        hour.plusSeconds(61),
                        hour.plusSeconds(62),
                        hour.plusSeconds(3_601),
                        hour.plusSeconds(3_602),
                        hour.plusSeconds(3_603));
        assertThat(seconds.getFirst().counts()).isEqualTo(new TimelineCounts(2, 0, 0, 0, 0, 0));
        assertThat(minutes).extracting(TimelineEntry::counts).containsExactly(new TimelineCounts(3, 0, 0, 0, 0, 0),
                new TimelineCounts(0, 1, 0, 1, 0, 0), new TimelineCounts(0, 0, 0, 1, 1, 1));
        assertThat(hours).extracting(TimelineEntry::counts).containsExactly(new TimelineCounts(3, 1, 0, 1, 0, 0),
                new TimelineCounts(0, 0, 0, 1, 1, 1));
        assertThat(reads.timeline("org-b", campaign.id(), 60)).as("another organization sees none").isEmpty();
    }

    @Test
    void shouldKeepEachNudgesSelectionForItsAnswer() throws Exception {
        direct.campaigns(campaign.created("Policy", 2, T0), campaign.started(T0.plusSeconds(1)));
        direct.deliveries(run.sent("u1", t(2)), run.sent("u2", t(2)), run.nudgeSelected(5, 2, t(3)));
        direct.deliveries(run.reminded("u1", 1, t(4)), run.reminded("u2", 1, t(4)), run.nudgeFinished(5, 2, 0, t(4)),
                run.nudgeSelected(7, 1, t(5)));

        assertThat(reads.nudgeMatched(ORG, campaign.id(), 5)).hasValue(2);
        assertThat(reads.nudgeMatched(ORG, campaign.id(), 7)).hasValue(1);
        assertThat(reads.nudgeMatched(ORG, campaign.id(), 9)).as("not reported yet").isEmpty();
        assertThat(reads.nudgeMatched("org-b", campaign.id(), 5)).as("another organization's").isEmpty();
    }

    @Test
    void shouldCountCorrectlyWhenOneBatchChangesADeliveryManyTimes() throws Exception {
        direct.campaigns(campaign.created("Policy", 2, T0));
        direct.deliveries(run.sent("u1", t(1)), run.received("u1", t(2)), run.read("u1", t(3)),
                run.missed("u1", DELIVERY_STATUS_DELIVERED, t(4)), run.acknowledged("u1", DELIVERY_STATUS_MISSED, t(5)),
                run.sent("u2", t(1)), run.read("u2", t(2)));

        DeliveryCounts counts = reads.campaign(ORG, campaign.id()).orElseThrow().getDeliveryCounts();

        assertThat(counts).isEqualTo(DeliveryCounts.newBuilder().setAcknowledged(1).setSent(1).setRead(2).build());
        assertThat(Tables.runsWithWrongCounts(db, "pidgr_p1")).isZero();
    }

    @Test
    void shouldChangeNothingWhenTheSameEventsAreAppliedTwice() throws Exception {
        List<com.google.protobuf.Message> history = List.of(
                run.sent("u1", t(1)),
                run.sent("u2", t(1)),
                run.received("u1", t(2)),
                run.acknowledged("u2", DELIVERY_STATUS_SENT, t(3)),
                run.reminded("u1", 1, t(4)),
                run.stepEntered("wait", StepType.STEP_TYPE_DEADLINE_CHECK, t(4), t(100)));
        var created = campaign.created("Policy", 2, T0);
        var started = campaign.started(t(1));
        direct.campaigns(created, started);
        direct.deliveries(history);
        var before = Tables.dump(db, "pidgr_p1");

        direct.campaigns(created, started);
        direct.deliveries(history);
        direct.deliveries(history.subList(2, 4));

        assertThat(Tables.dump(db, "pidgr_p1")).isEqualTo(before);
        assertThat(Tables.runsWithWrongCounts(db, "pidgr_p1")).isZero();
        assertThat(reads.campaign(ORG, campaign.id()).orElseThrow().getDeliveryCounts())
                .isEqualTo(DeliveryCounts.newBuilder().setDelivered(1).setAcknowledged(1).build());
    }

    @Test
    void shouldProjectEveryCampaignFieldAndTheWorkflowProgress() throws Exception {
        direct.campaigns(campaign.created("Draft", 2, T0), campaign.updated("Policy", t(1)), campaign.started(t(2)));
        direct.deliveries(run.stepEntered("send", StepType.STEP_TYPE_SEND_NOTIFICATION, t(2), null),
                run.stepCompleted("send", "wait", t(3)),
                run.stepEntered("wait", StepType.STEP_TYPE_DEADLINE_CHECK, t(3), t(3600)));

        Campaign active = reads.campaign(ORG, campaign.id()).orElseThrow();

        assertThat(active.getName()).isEqualTo("Policy");
        assertThat(active.getTemplateId()).isEqualTo("tpl-2");
        assertThat(active.getTemplateVersion()).isEqualTo(3);
        assertThat(active.getSenderName()).isEqualTo("Ops 2");
        assertThat(active.getTitle()).isEqualTo("New title");
        assertThat(active.getWorkflow()).isEqualTo(CampaignStream.WORKFLOW);
        assertThat(active.getStatus()).isEqualTo(CampaignStatus.CAMPAIGN_STATUS_ACTIVE);
        assertThat(active.getTotalRecipients()).isEqualTo(2);
        assertThat(active.getCreatedAt()).isEqualTo(Sql.timestamp(T0));
        assertThat(active.getStartedAt()).isEqualTo(Sql.timestamp(t(2)));
        assertThat(active.hasCompletedAt()).isFalse();
        assertThat(active.getVersion()).isEqualTo(3);
        assertThat(active.getProgress().getCurrentStepId()).isEqualTo("wait");
        assertThat(active.getProgress().getStepEnteredAt()).isEqualTo(Sql.timestamp(t(3)));
        assertThat(active.getProgress().getNextWakeUpAt()).isEqualTo(Sql.timestamp(t(3600)));
    }

    @Test
    void shouldKeepTheFailureReasonAndCompletionTimeOfAFailedCampaign() throws Exception {
        direct.campaigns(
                campaign.created("Policy", 1, T0), campaign.started(t(1)), campaign.failed("template gone", t(9)));
        direct.deliveries(run.workflowEnded(t(9)));

        Campaign failed = reads.campaign(ORG, campaign.id()).orElseThrow();

        assertThat(failed.getStatus()).isEqualTo(CampaignStatus.CAMPAIGN_STATUS_FAILED);
        assertThat(failed.getFailureReason()).isEqualTo("template gone");
        assertThat(failed.getCompletedAt()).isEqualTo(Sql.timestamp(t(9)));
        assertThat(failed.getVersion()).isEqualTo(3);
        assertThat(failed.getProgress().getCurrentStepId()).isEmpty();
    }

    @Test
    void shouldNotRevealAnotherOrganizationsCampaign() throws Exception {
        direct.campaigns(campaign.created("Policy", 1, T0));

        assertThat(reads.campaign("org-b", campaign.id())).isEmpty();
        assertThat(reads.campaign(ORG, campaign.id())).isPresent();
        assertThat(reads.campaignVersion(campaign.id())).isEqualTo(1);
        assertThat(reads.campaignVersion("nope")).isZero();
    }

    @Test
    void shouldRecordAnInteractionWithAnUnknownDeliveryAsSkipped() throws Exception {
        direct.deliveries(run.sent("u1", t(1)), new RunStream(ORG, "other").received("u9", t(2)));

        assertThat(direct.skipped).hasSize(1);
        assertThat(direct.skipped.getFirst().reason()).contains("unknown");
    }

    private Delivery deliveryOf(String userId) {
        return reads
                .deliveries(ORG, campaign.id(), DeliveryStatus.DELIVERY_STATUS_UNSPECIFIED, new PageRequest(100, ""))
                .items()
                .stream()
                .filter(d -> d.getUserId().equals(userId))
                .findFirst()
                .orElseThrow();
    }

    private static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }
}
