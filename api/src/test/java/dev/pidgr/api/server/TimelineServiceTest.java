package dev.pidgr.api.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Timestamp;
import dev.pidgr.api.auth.Permission;
import dev.pidgr.api.support.ApiHarness;
import dev.pidgr.api.support.Calls;
import dev.pidgr.api.support.TestTokens;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignServiceGrpc.CampaignServiceBlockingStub;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.GetCampaignTimelineRequest;
import dev.pidgr.api.v1.GetCampaignTimelineResponse;
import dev.pidgr.api.v1.ListCampaignsRequest;
import dev.pidgr.api.v1.TimelinePoint;
import dev.pidgr.query.TimelineEntry;
import dev.pidgr.query.delivery.TimelineCounts;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GetCampaignTimeline and ListCampaigns' status filter at the edge, over the projection's reads. */
class TimelineServiceTest {

    private static final Instant STARTED = Instant.parse("2026-11-30T09:00:00Z");
    private static final String DONE = UUID.randomUUID().toString();
    private static final String DRAFT = UUID.randomUUID().toString();
    private static ApiHarness api;
    private static CampaignServiceBlockingStub viewer;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiHarness();
        viewer = api.stub(
                CampaignServiceBlockingStub.class, TestTokens.token("v", TestTokens.ORG, Permission.VIEW_CAMPAIGNS));
        api.reads.project(TestTokens.ORG, Campaign.newBuilder().setId(DONE).setName("done").setVersion(4)
                .setStatus(CampaignStatus.CAMPAIGN_STATUS_COMPLETED).setStartedAt(at(STARTED))
                .setCompletedAt(at(STARTED.plusSeconds(90))).build());
        api.reads.project(TestTokens.ORG, Campaign.newBuilder().setId(DRAFT).setName("draft").setVersion(1)
                .setStatus(CampaignStatus.CAMPAIGN_STATUS_CREATED).build());
        api.reads.addTimeline(
                TestTokens.ORG,
                DONE,
                1,
                new TimelineEntry(STARTED.plusSeconds(1), new TimelineCounts(3, 0, 0, 0, 0, 0)));
        api.reads.addTimeline(
                TestTokens.ORG,
                DONE,
                1,
                new TimelineEntry(STARTED.plusSeconds(62), new TimelineCounts(0, 1, 1, 1, 0, 0)));
        api.reads.addTimeline(
                TestTokens.ORG, DONE, 60, new TimelineEntry(STARTED, new TimelineCounts(3, 0, 0, 0, 0, 0)));
        api.reads.addTimeline(
                TestTokens.ORG,
                DONE,
                60,
                new TimelineEntry(STARTED.plusSeconds(60), new TimelineCounts(0, 1, 1, 1, 0, 0)));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void shouldAnswerOnePointPerSecondFromStartToCompletionByDefault() {
        GetCampaignTimelineResponse timeline = viewer.getCampaignTimeline(
                GetCampaignTimelineRequest.newBuilder().setId(DONE).build());

        assertThat(timeline.getBucket().getSeconds()).isEqualTo(1);
        assertThat(timeline.getPointsList()).hasSize(91);
        assertThat(timeline.getPoints(1).getSent()).isEqualTo(3);
        assertThat(timeline.getPoints(62).getAcknowledged()).isEqualTo(1);
        assertThat(timeline.getPointsList().stream().mapToInt(TimelinePoint::getSent).sum()).isEqualTo(3);
    }

    @Test
    void shouldSumMinuteBucketsFromTheMinuteSlots() {
        GetCampaignTimelineResponse timeline = viewer.getCampaignTimeline(GetCampaignTimelineRequest.newBuilder()
                .setId(DONE)
                .setBucket(com.google.protobuf.Duration.newBuilder().setSeconds(60))
                .build());

        assertThat(timeline.getPointsList()).extracting(TimelinePoint::getSent, TimelinePoint::getRead)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, 0), org.assertj.core.groups.Tuple.tuple(0, 1));
    }

    @Test
    void shouldAnswerNoPointsBeforeTheStart() {
        assertThat(viewer.getCampaignTimeline(GetCampaignTimelineRequest.newBuilder()
                                .setId(DRAFT)
                                .build())
                        .getPointsList())
                .isEmpty();
    }

    @Test
    void shouldRefuseABucketTheApiDoesNotOfferNamingIt() {
        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> viewer.getCampaignTimeline(GetCampaignTimelineRequest.newBuilder().setId(DONE)
                        .setBucket(com.google.protobuf.Duration.newBuilder().setSeconds(30)).build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(Calls.badRequest(error).orElseThrow().getFieldViolations(0).getField()).isEqualTo("bucket");
    }

    @Test
    void shouldHideAnotherOrganizationsCampaignAsNotFound() {
        var other = api.stub(
                CampaignServiceBlockingStub.class,
                TestTokens.token("e", TestTokens.OTHER_ORG, Permission.VIEW_CAMPAIGNS));

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> other.getCampaignTimeline(GetCampaignTimelineRequest.newBuilder().setId(DONE).build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void shouldRefuseARecipientWithoutViewCampaigns() {
        var recipient = api.stub(CampaignServiceBlockingStub.class, TestTokens.token("r", TestTokens.ORG));

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> recipient.getCampaignTimeline(GetCampaignTimelineRequest.newBuilder().setId(DONE).build()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void shouldListOnlyTheCampaignsOfTheStatusAskedFor() {
        var listed = viewer.listCampaigns(ListCampaignsRequest.newBuilder()
                .setStatusFilter(CampaignStatus.CAMPAIGN_STATUS_CREATED)
                .build());

        assertThat(listed.getCampaignsList()).extracting(Campaign::getName).containsExactly("draft");
    }

    private static Timestamp at(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).build();
    }
}
