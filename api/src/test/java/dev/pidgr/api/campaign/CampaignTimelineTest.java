package dev.pidgr.api.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pidgr.api.v1.TimelinePoint;
import dev.pidgr.query.TimelineEntry;
import dev.pidgr.query.delivery.TimelineCounts;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CampaignTimelineTest {

    private static final Instant START = Instant.parse("2026-11-30T09:00:07Z");

    @Test
    void shouldChooseTheSmallestBucketThatFitsTheLifeInFiveHundredPoints() {
        assertThat(CampaignTimeline.defaultBucket(START, START.plusSeconds(499))).isEqualTo(Duration.ofSeconds(1));
        assertThat(CampaignTimeline.defaultBucket(START, START.plusSeconds(500))).isEqualTo(Duration.ofSeconds(10));
        assertThat(CampaignTimeline.defaultBucket(START, START.plus(Duration.ofHours(1))))
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(CampaignTimeline.defaultBucket(START, START.plus(Duration.ofHours(72))))
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(CampaignTimeline.defaultBucket(START, START.plus(Duration.ofDays(365))))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldSumEachBucketFromTheCoarsestGranularityThatDividesIt() {
        assertThat(CampaignTimeline.granularity(Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(CampaignTimeline.granularity(Duration.ofSeconds(10))).isEqualTo(1);
        assertThat(CampaignTimeline.granularity(Duration.ofMinutes(1))).isEqualTo(60);
        assertThat(CampaignTimeline.granularity(Duration.ofMinutes(10))).isEqualTo(60);
        assertThat(CampaignTimeline.granularity(Duration.ofHours(1))).isEqualTo(3600);
    }

    @Test
    void shouldGiveOnePointPerBucketWithoutGapsEachTheSumOfItsSlots() {
        List<TimelineEntry> seconds = List.of(
                new TimelineEntry(Instant.parse("2026-11-30T09:00:08Z"), new TimelineCounts(2, 0, 0, 0, 0, 0)),
                new TimelineEntry(Instant.parse("2026-11-30T09:00:09Z"), new TimelineCounts(1, 1, 0, 0, 0, 0)),
                new TimelineEntry(Instant.parse("2026-11-30T09:00:31Z"), new TimelineCounts(0, 0, 1, 1, 0, 0)));

        List<TimelinePoint> points =
                CampaignTimeline.points(START, START.plusSeconds(25), Duration.ofSeconds(10), seconds);

        assertThat(points)
                .extracting(p -> p.getAt().getSeconds())
                .containsExactly(
                        Instant.parse("2026-11-30T09:00:00Z").getEpochSecond(),
                                Instant.parse("2026-11-30T09:00:10Z").getEpochSecond(),
                        Instant.parse("2026-11-30T09:00:20Z").getEpochSecond(),
                                Instant.parse("2026-11-30T09:00:30Z").getEpochSecond());
        assertThat(points.get(0).getSent()).isEqualTo(3);
        assertThat(points.get(0).getDelivered()).isEqualTo(1);
        assertThat(points.get(1)).isEqualTo(TimelinePoint.newBuilder().setAt(points.get(1).getAt()).build());
        assertThat(points.get(3).getAcknowledged())
                .as("a late acknowledgement after the end extends the range")
                .isEqualTo(1);
    }

    @Test
    void shouldRefuseABucketThatGivesMoreThanTenThousandPointsNamingIt() {
        StatusRuntimeException error = catchThrowableOfType(
                StatusRuntimeException.class,
                () -> CampaignTimeline.points(
                        START, START.plus(Duration.ofHours(3)), Duration.ofSeconds(1), List.of()));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.getStatus().getDescription())
                .isEqualTo("bucket: the campaign's life spans 10801 buckets of 1 s, more than 10000: ask for a larger"
                        + " bucket, or none");
    }
}
