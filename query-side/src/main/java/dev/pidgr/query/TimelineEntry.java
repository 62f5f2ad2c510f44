package dev.pidgr.query;

import dev.pidgr.query.delivery.TimelineCounts;
import java.time.Instant;

/** One stored slot of a campaign's timeline: its start and what happened within it. */
public record TimelineEntry(Instant at, TimelineCounts counts) {
}
