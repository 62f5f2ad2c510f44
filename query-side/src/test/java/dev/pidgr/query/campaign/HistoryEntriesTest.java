package dev.pidgr.query.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import com.google.protobuf.UnknownFieldSet;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.CampaignHistoryEntry;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.events.v1.CampaignAudienceAdded;
import dev.pidgr.events.v1.CampaignCancelled;
import dev.pidgr.events.v1.CampaignCompleted;
import dev.pidgr.events.v1.CampaignCreated;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CampaignFailed;
import dev.pidgr.events.v1.CampaignNudgeFinished;
import dev.pidgr.events.v1.CampaignNudged;
import dev.pidgr.events.v1.CampaignScheduled;
import dev.pidgr.events.v1.CampaignStarted;
import dev.pidgr.events.v1.CampaignUpdated;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryEntriesTest {

    private static final CampaignRow THOUSAND = new CampaignRow("c-1", "org-1", "Policy", "t-1", 1,
            CampaignStatus.CAMPAIGN_STATUS_CREATED, new byte[0], 1_000, "HR", "", "", Instant.EPOCH, null, null, 3,
            null);

    private static CampaignEvent.Builder event() {
        return CampaignEvent.newBuilder().setCampaignId("c-1").setOrganizationId("org-1").setVersion(4)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(1_700_000_000)).setCommandId("cmd-1")
                .setActor("alice");
    }

    @Test
    void shouldDescribeACreationWithItsAudienceSize() {
        CampaignHistoryEntry entry = HistoryEntries.of(
                event().setCreated(CampaignCreated.newBuilder().setTotalRecipients(100_000)).build(), null);

        assertThat(entry).isEqualTo(CampaignHistoryEntry.newBuilder().setVersion(4).setEventType("CampaignCreated")
                .setOccurredAt(Timestamp.newBuilder().setSeconds(1_700_000_000)).setActor("alice")
                .setSummary("created for 100,000 members").setCommandId("cmd-1").build());
    }

    @Test
    void shouldDescribeAnAudienceChunk() {
        CampaignEvent added = event().setAudienceAdded(CampaignAudienceAdded.newBuilder().setChunkIndex(1)
                .setChunkCount(3).addMembers(AudienceMember.newBuilder().setUserId("u-1"))).build();

        assertThat(HistoryEntries.of(added, THOUSAND).getSummary()).isEqualTo("audience part 2 of 3 added (1 member)");
        assertThat(HistoryEntries.eventType(added)).isEqualTo("CampaignAudienceAdded");
    }

    @Test
    void shouldNameTheChangedFieldsOfAnUpdate() {
        assertThat(HistoryEntries.summary(event().setUpdated(CampaignUpdated.newBuilder()
                .addChangedFields("name")).build(), THOUSAND)).isEqualTo("name changed");
        assertThat(HistoryEntries.summary(event().setUpdated(CampaignUpdated.newBuilder()
                .addAllChangedFields(List.of("name", "sender_name", "workflow"))).build(), THOUSAND))
                .isEqualTo("name, sender name and workflow changed");
        assertThat(HistoryEntries.summary(event().setUpdated(CampaignUpdated.getDefaultInstance()).build(), THOUSAND))
                .isEqualTo("updated without a change");
    }

    @Test
    void shouldDescribeAStartWithTheAudienceSize() {
        CampaignEvent started = event().setStarted(CampaignStarted.getDefaultInstance()).build();

        assertThat(HistoryEntries.of(started, THOUSAND).getSummary()).isEqualTo("started with 1,000 members");
        assertThat(HistoryEntries.eventType(started)).isEqualTo("CampaignStarted");
    }

    @Test
    void shouldTellADraftCancelledFromARunningOne() {
        assertThat(HistoryEntries.summary(event().setCancelled(CampaignCancelled.newBuilder()
                .setPreviousStatus(CampaignStatus.CAMPAIGN_STATUS_CREATED)).build(), THOUSAND))
                .isEqualTo("cancelled as a draft");
        assertThat(HistoryEntries.summary(event().setCancelled(CampaignCancelled.newBuilder()
                .setPreviousStatus(CampaignStatus.CAMPAIGN_STATUS_ACTIVE)).build(), THOUSAND))
                .isEqualTo("cancelled while running");
    }

    @Test
    void shouldDescribeAScheduleARescheduleAndTheStartAsScheduled() {
        CampaignRow scheduled = new CampaignRow("c-1", "org-1", "Policy", "t-1", 1,
                CampaignStatus.CAMPAIGN_STATUS_SCHEDULED, new byte[0], 1_000, "HR", "", "", Instant.EPOCH, null, null,
                3, Instant.parse("2026-01-01T00:00:00Z"));
        CampaignEvent schedule = event().setScheduled(CampaignScheduled.newBuilder()
                .setStartAt(Timestamp.newBuilder().setSeconds(1_767_225_600))).build();

        assertThat(HistoryEntries.summary(schedule, THOUSAND)).isEqualTo("scheduled to start at 2026-01-01T00:00:00Z");
        assertThat(HistoryEntries.summary(schedule, scheduled))
                .isEqualTo("rescheduled to start at 2026-01-01T00:00:00Z");
        assertThat(HistoryEntries.of(event().setActor("system:workflow")
                        .setStarted(CampaignStarted.getDefaultInstance()).build(), scheduled))
                .extracting(CampaignHistoryEntry::getActor, CampaignHistoryEntry::getSummary)
                .containsExactly("workflow", "started as scheduled with 1,000 members");
        assertThat(HistoryEntries.summary(event().setCancelled(CampaignCancelled.newBuilder()
                .setPreviousStatus(CampaignStatus.CAMPAIGN_STATUS_SCHEDULED)).build(), scheduled))
                .isEqualTo("cancelled before its scheduled start");
        assertThat(HistoryEntries.eventType(schedule)).isEqualTo("CampaignScheduled");
    }

    @Test
    void shouldCreditTheWorkflowWithACompletion() {
        CampaignHistoryEntry entry = HistoryEntries.of(event().setActor("system:workflow")
                .setCompleted(CampaignCompleted.getDefaultInstance()).build(), THOUSAND);

        assertThat(entry.getActor()).isEqualTo("workflow");
        assertThat(entry.getSummary()).isEqualTo("completed");
        assertThat(entry.getEventType()).isEqualTo("CampaignCompleted");
    }

    @Test
    void shouldQuoteAFailureReasonCutTo200Characters() {
        assertThat(HistoryEntries.summary(event().setFailed(CampaignFailed.newBuilder()
                .setReason("template t-1 version 2 is missing")).build(), THOUSAND))
                .isEqualTo("failed: template t-1 version 2 is missing");
        assertThat(HistoryEntries.summary(event().setFailed(CampaignFailed.newBuilder()
                .setReason("x".repeat(300))).build(), THOUSAND)).isEqualTo("failed: " + "x".repeat(200) + "…");
    }

    @Test
    void shouldDescribeANudgeAndItsEnd() {
        assertThat(HistoryEntries.summary(event().setNudged(CampaignNudged.newBuilder().setRatePerSecond(1_000))
                .build(), THOUSAND)).isEqualTo("nudge started at 1,000 reminders a second");
        assertThat(HistoryEntries.summary(event().setNudgeFinished(CampaignNudgeFinished.newBuilder()
                .setReminded(1).setSkipped(2)).build(), THOUSAND)).isEqualTo("nudge finished: 1 reminder, 2 skipped");
    }

    @Test
    void shouldDescribeAnEventOfANewerWriterGenerically() throws Exception {
        UnknownFieldSet future = UnknownFieldSet.newBuilder().addField(40, UnknownFieldSet.Field.newBuilder()
                .addLengthDelimited(com.google.protobuf.ByteString.copyFromUtf8("")).build()).build();
        CampaignEvent unknown = CampaignEvent.parseFrom(event().setUnknownFields(future).build().toByteArray());

        CampaignHistoryEntry entry = HistoryEntries.of(unknown, THOUSAND);

        assertThat(entry.getEventType()).isEqualTo("unknown");
        assertThat(entry.getSummary()).isEqualTo("an event this server version does not describe");
        assertThat(entry.getActor()).isEqualTo("alice");
    }
}
