package dev.pidgr.query.delivery;

import java.time.Instant;
import java.util.List;

/**
 * One slot of a campaign's timeline at one granularity: the row key of campaign_timeline.
 *
 * @param granularity the slot's width in seconds, one of {@link #GRANULARITIES}
 * @param at          the slot's start, a multiple of the granularity since the epoch
 */
public record TimelineSlot(String organizationId, String campaignId, int granularity, Instant at) {

    /** The widths the timeline is kept at: every bucket the API offers is a multiple of one, at most ten times it. */
    public static final List<Integer> GRANULARITIES = List.of(1, 60, 3600);

    /** The slot of {@code moment} at {@code granularity}. */
    public static TimelineSlot of(String organizationId, String campaignId, int granularity, Instant moment) {
        return new TimelineSlot(organizationId, campaignId, granularity, start(moment, granularity));
    }

    /** The start of the slot of {@code granularity} seconds that holds {@code moment}. */
    public static Instant start(Instant moment, long granularity) {
        return Instant.ofEpochSecond(Math.floorDiv(moment.getEpochSecond(), granularity) * granularity);
    }
}
