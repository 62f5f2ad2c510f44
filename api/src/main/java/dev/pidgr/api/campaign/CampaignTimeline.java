package dev.pidgr.api.campaign;

import com.google.protobuf.Timestamp;
import dev.pidgr.api.grpc.ApiErrors;
import dev.pidgr.api.v1.TimelinePoint;
import dev.pidgr.query.TimelineEntry;
import dev.pidgr.query.delivery.TimelineCounts;
import dev.pidgr.query.delivery.TimelineSlot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * GetCampaignTimeline's arithmetic (pure): which bucket a request gets, which stored granularity
 * serves it, and the points, one per bucket without gaps, summed from the stored slots.
 */
final class CampaignTimeline {

    /** The buckets a client may ask for. */
    static final List<Duration> BUCKETS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1),
            Duration.ofMinutes(10), Duration.ofHours(1));
    /** Without a bucket, the smallest one whose points over the campaign's life are at most this many. */
    static final int DEFAULT_POINTS = 500;
    /** A bucket giving more points than this is refused: a client asking for 1 s over weeks. */
    static final int MAX_POINTS = 10_000;

    private CampaignTimeline() {
    }

    /** The smallest bucket that fits {@code start}..{@code end} in {@link #DEFAULT_POINTS}; the largest beyond that. */
    static Duration defaultBucket(Instant start, Instant end) {
        for (Duration bucket : BUCKETS) {
            if (count(start, end, bucket) <= DEFAULT_POINTS) {
                return bucket;
            }
        }
        return BUCKETS.getLast();
    }

    /** The coarsest stored granularity (seconds) that divides {@code bucket}: at most ten slots per point. */
    static int granularity(Duration bucket) {
        int best = TimelineSlot.GRANULARITIES.getFirst();
        for (int g : TimelineSlot.GRANULARITIES) {
            if (bucket.getSeconds() % g == 0) {
                best = g;
            }
        }
        return best;
    }

    /**
     * One point per bucket from the bucket of {@code started} to that of {@code end} (or of the last
     * stored slot, when a late interaction came after {@code end}), each the sum of its slots.
     *
     * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT naming {@code bucket} beyond {@link #MAX_POINTS} points
     */
    static List<TimelinePoint> points(Instant started, Instant end, Duration bucket, List<TimelineEntry> slots) {
        Instant start = slots.isEmpty() || !slots.getFirst().at().isBefore(started) ? started : slots.getFirst().at();
        Instant last = slots.isEmpty() || !slots.getLast().at().isAfter(end) ? end : slots.getLast().at();
        long count = count(start, last, bucket);
        if (count > MAX_POINTS) {
            throw ApiErrors.invalidArgument(
                    "bucket",
                    "the campaign's life spans " + count + " buckets of " + bucket.getSeconds() + " s, more than "
                            + MAX_POINTS + ": ask for a larger bucket, or none");
        }
        long width = bucket.getSeconds();
        Instant first = TimelineSlot.start(start, width);
        List<TimelineCounts> sums = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            sums.add(TimelineCounts.ZERO);
        }
        for (TimelineEntry slot : slots) {
            long index = (TimelineSlot.start(slot.at(), width).getEpochSecond() - first.getEpochSecond()) / width;
            if (index >= 0 && index < count) {
                sums.set((int) index, sums.get((int) index).plus(slot.counts()));
            }
        }
        List<TimelinePoint> points = new ArrayList<>(sums.size());
        for (int i = 0; i < sums.size(); i++) {
            points.add(point(first.plusSeconds(i * width), sums.get(i)));
        }
        return points;
    }

    private static long count(Instant start, Instant end, Duration bucket) {
        long width = bucket.getSeconds();
        long from = TimelineSlot.start(start, width).getEpochSecond();
        long to = TimelineSlot.start(end.isBefore(start) ? start : end, width).getEpochSecond();
        return (to - from) / width + 1;
    }

    private static TimelinePoint point(Instant at, TimelineCounts c) {
        return TimelinePoint.newBuilder().setAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond()))
                .setSent(c.sent()).setDelivered(c.delivered()).setRead(c.read()).setAcknowledged(c.acknowledged())
                .setMissed(c.missed()).setReminded(c.reminded()).build();
    }
}
