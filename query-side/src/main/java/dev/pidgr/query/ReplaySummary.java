package dev.pidgr.query;

import java.time.Duration;

/**
 * What a finished replay did.
 *
 * @param previousSchema the data schema readers used before (now dropped)
 * @param newSchema      the data schema readers use now
 * @param events         records applied into the new schema (rebuild and tail)
 * @param tailEvents     of those, records that arrived while the rebuild ran
 * @param took           the whole replay, handover included
 */
public record ReplaySummary(String previousSchema, String newSchema, long events, long tailEvents, Duration took) {
}
