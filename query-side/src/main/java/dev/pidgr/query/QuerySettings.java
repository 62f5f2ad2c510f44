package dev.pidgr.query;

import dev.pidgr.query.sql.Sql;
import java.time.Duration;

/**
 * How the query side runs.
 *
 * @param schema          the base schema readers query through (views) and the prefix of data schemas
 * @param pageTokenKey    the server's secret for signing page tokens (at least 16 bytes)
 * @param maxBatchRecords the most records one projector applies in one transaction (max.poll.records)
 * @param pollTimeout     how long one poll waits for records when there are none
 * @param controlInterval how often a process checks its lock, a replay's handover request and readiness
 */
public record QuerySettings(String schema, byte[] pageTokenKey, int maxBatchRecords, Duration pollTimeout,
                            Duration controlInterval) {

    public static final String DEFAULT_SCHEMA = "pidgr";

    public QuerySettings {
        Sql.identifier(schema);
        pageTokenKey = pageTokenKey.clone();
        if (maxBatchRecords < 1) {
            throw new IllegalArgumentException("maxBatchRecords must be positive");
        }
    }

    /** Schema {@code pidgr}, batches of up to 5,000 records, 200 ms polls, control checks every 500 ms. */
    public static QuerySettings defaults(byte[] pageTokenKey) {
        return new QuerySettings(DEFAULT_SCHEMA, pageTokenKey, 5_000, Duration.ofMillis(200), Duration.ofMillis(500));
    }

    public QuerySettings withSchema(String newSchema) {
        return new QuerySettings(newSchema, pageTokenKey, maxBatchRecords, pollTimeout, controlInterval);
    }

    public QuerySettings withMaxBatchRecords(int records) {
        return new QuerySettings(schema, pageTokenKey, records, pollTimeout, controlInterval);
    }

    @Override
    public byte[] pageTokenKey() {
        return pageTokenKey.clone();
    }

    /** The channel a projector NOTIFYs after each committed batch; the payload is the projection's name. */
    public String notifyChannel() {
        return schema + "_projection";
    }
}
