package dev.pidgr.query.delivery;

import dev.pidgr.query.sql.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a batch of delivery events writes: one multi-row statement per kind of write. Rows travel
 * as parallel arrays through unnest(), which needs no driver setting (reWriteBatchedInserts) from
 * whoever built the DataSource. New deliveries are plain inserts: a notification for a delivery
 * that already exists is refused by the primary key (and then skipped alone) rather than counted
 * twice. Counts and timeline slots are added as deltas.
 */
final class DeliveryWrites {

    private final String insertDeliveries;
    private final String updateDeliveries;
    private final String upsertRuns;
    private final String addTimeline;
    private final String upsertNudges;

    DeliveryWrites(String schema) {
        insertDeliveries = Sql.in(schema, """
                INSERT INTO {s}.deliveries (id, campaign_id, organization_id, user_id, status, sent_at, delivered_at,
                    read_at, acknowledged_at, missed_at, reminder_count, last_reminded_at, message, inbox_changed_at)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::smallint[], ?::timestamptz[],
                    ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::int[], ?::timestamptz[],
                    ?::bytea[], ?::timestamptz[])""");
        updateDeliveries = Sql.in(schema, """
                UPDATE {s}.deliveries d SET status = m.status, delivered_at = m.delivered_at, read_at = m.read_at,
                    acknowledged_at = m.acknowledged_at, missed_at = m.missed_at, reminder_count = m.reminder_count,
                    last_reminded_at = m.last_reminded_at, inbox_changed_at = m.inbox_changed_at
                FROM unnest(?::text[], ?::smallint[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[],
                    ?::timestamptz[], ?::int[], ?::timestamptz[], ?::timestamptz[])
                    AS m(id, status, delivered_at, read_at, acknowledged_at, missed_at, reminder_count,
                        last_reminded_at, inbox_changed_at)
                WHERE d.id = m.id""");
        upsertRuns = Sql.in(schema, """
                INSERT INTO {s}.campaign_runs AS r (campaign_id, organization_id, version, current_step_id,
                    step_entered_at, next_wake_up_at, pending, sent, delivered, acknowledged, missed, no_device,
                    failed, read_count)
                SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::timestamptz[], ?::timestamptz[],
                    ?::int[], ?::int[], ?::int[], ?::int[], ?::int[], ?::int[], ?::int[], ?::int[])
                ON CONFLICT (campaign_id) DO UPDATE SET version = EXCLUDED.version,
                    current_step_id = EXCLUDED.current_step_id, step_entered_at = EXCLUDED.step_entered_at,
                    next_wake_up_at = EXCLUDED.next_wake_up_at, pending = r.pending + EXCLUDED.pending,
                    sent = r.sent + EXCLUDED.sent, delivered = r.delivered + EXCLUDED.delivered,
                    acknowledged = r.acknowledged + EXCLUDED.acknowledged, missed = r.missed + EXCLUDED.missed,
                    no_device = r.no_device + EXCLUDED.no_device, failed = r.failed + EXCLUDED.failed,
                    read_count = r.read_count + EXCLUDED.read_count""");
        addTimeline = Sql.in(schema, """
                INSERT INTO {s}.campaign_timeline AS t (organization_id, campaign_id, granularity, at, sent, delivered,
                    read_count, acknowledged, missed, reminded)
                SELECT * FROM unnest(?::text[], ?::text[], ?::int[], ?::timestamptz[], ?::int[], ?::int[], ?::int[],
                    ?::int[], ?::int[], ?::int[])
                ON CONFLICT (organization_id, campaign_id, granularity, at) DO UPDATE SET sent = t.sent + EXCLUDED.sent,
                    delivered = t.delivered + EXCLUDED.delivered, read_count = t.read_count + EXCLUDED.read_count,
                    acknowledged = t.acknowledged + EXCLUDED.acknowledged, missed = t.missed + EXCLUDED.missed,
                    reminded = t.reminded + EXCLUDED.reminded""");
        // NudgeSelected comes before NudgeFinished, so a row that exists already only gains the end.
        upsertNudges = Sql.in(schema, """
                INSERT INTO {s}.campaign_nudges AS n (organization_id, campaign_id, nudge, matched, reminded, skipped,
                    finished)
                SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[], ?::int[], ?::int[], ?::int[], ?::boolean[])
                ON CONFLICT (organization_id, campaign_id, nudge) DO UPDATE SET reminded = EXCLUDED.reminded,
                    skipped = EXCLUDED.skipped, finished = EXCLUDED.finished""");
    }

    void write(Connection c, DeliveryBatchFold.Result result) throws SQLException {
        insertDeliveries(c, result.created());
        updateDeliveries(c, result.changed());
        writeRuns(c, result.runs());
        addTimeline(c, result.timeline());
        upsertNudges(c, result.nudges());
    }

    private void upsertNudges(Connection c, List<NudgeRow> nudges) throws SQLException {
        if (nudges.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(upsertNudges)) {
            s.setArray(1, Sql.texts(c, nudges.stream().map(NudgeRow::organizationId).toList()));
            s.setArray(2, Sql.texts(c, nudges.stream().map(NudgeRow::campaignId).toList()));
            s.setArray(3, c.createArrayOf("int8", nudges.stream().map(NudgeRow::nudge).toArray()));
            s.setArray(4, ints(c, nudges.stream().map(NudgeRow::matched)));
            s.setArray(5, ints(c, nudges.stream().map(NudgeRow::reminded)));
            s.setArray(6, ints(c, nudges.stream().map(NudgeRow::skipped)));
            s.setArray(7, c.createArrayOf("bool", nudges.stream().map(NudgeRow::finished).toArray()));
            s.executeUpdate();
        }
    }

    private void addTimeline(Connection c, Map<TimelineSlot, TimelineCounts> timeline) throws SQLException {
        if (timeline.isEmpty()) {
            return;
        }
        List<TimelineSlot> slots = List.copyOf(timeline.keySet());
        List<TimelineCounts> counts = slots.stream().map(timeline::get).toList();
        try (PreparedStatement s = c.prepareStatement(addTimeline)) {
            s.setArray(1, Sql.texts(c, slots.stream().map(TimelineSlot::organizationId).toList()));
            s.setArray(2, Sql.texts(c, slots.stream().map(TimelineSlot::campaignId).toList()));
            s.setArray(3, ints(c, slots.stream().map(TimelineSlot::granularity)));
            s.setArray(4, Sql.instants(c, slots.stream().map(TimelineSlot::at).toList()));
            s.setArray(5, ints(c, counts.stream().map(TimelineCounts::sent)));
            s.setArray(6, ints(c, counts.stream().map(TimelineCounts::delivered)));
            s.setArray(7, ints(c, counts.stream().map(TimelineCounts::read)));
            s.setArray(8, ints(c, counts.stream().map(TimelineCounts::acknowledged)));
            s.setArray(9, ints(c, counts.stream().map(TimelineCounts::missed)));
            s.setArray(10, ints(c, counts.stream().map(TimelineCounts::reminded)));
            s.executeUpdate();
        }
    }

    private void updateDeliveries(Connection c, List<DeliveryRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(updateDeliveries)) {
            s.setArray(1, Sql.texts(c, rows.stream().map(DeliveryRow::id).toList()));
            s.setArray(2, c.createArrayOf("int4", rows.stream().map(d -> d.status().getNumber()).toArray()));
            s.setArray(3, Sql.instants(c, rows.stream().map(DeliveryRow::deliveredAt).toList()));
            s.setArray(4, Sql.instants(c, rows.stream().map(DeliveryRow::readAt).toList()));
            s.setArray(5, Sql.instants(c, rows.stream().map(DeliveryRow::acknowledgedAt).toList()));
            s.setArray(6, Sql.instants(c, rows.stream().map(DeliveryRow::missedAt).toList()));
            s.setArray(7, c.createArrayOf("int4", rows.stream().map(DeliveryRow::reminderCount).toArray()));
            s.setArray(8, Sql.instants(c, rows.stream().map(DeliveryRow::lastRemindedAt).toList()));
            s.setArray(9, Sql.instants(c, rows.stream().map(DeliveryRow::inboxChangedAt).toList()));
            s.executeUpdate();
        }
    }

    private void insertDeliveries(Connection c, List<DeliveryRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(insertDeliveries)) {
            s.setArray(1, Sql.texts(c, rows.stream().map(DeliveryRow::id).toList()));
            s.setArray(2, Sql.texts(c, rows.stream().map(DeliveryRow::campaignId).toList()));
            s.setArray(3, Sql.texts(c, rows.stream().map(DeliveryRow::organizationId).toList()));
            s.setArray(4, Sql.texts(c, rows.stream().map(DeliveryRow::userId).toList()));
            s.setArray(5, c.createArrayOf("int4", rows.stream().map(d -> d.status().getNumber()).toArray()));
            s.setArray(6, Sql.instants(c, rows.stream().map(DeliveryRow::sentAt).toList()));
            s.setArray(7, Sql.instants(c, rows.stream().map(DeliveryRow::deliveredAt).toList()));
            s.setArray(8, Sql.instants(c, rows.stream().map(DeliveryRow::readAt).toList()));
            s.setArray(9, Sql.instants(c, rows.stream().map(DeliveryRow::acknowledgedAt).toList()));
            s.setArray(10, Sql.instants(c, rows.stream().map(DeliveryRow::missedAt).toList()));
            s.setArray(11, c.createArrayOf("int4", rows.stream().map(DeliveryRow::reminderCount).toArray()));
            s.setArray(12, Sql.instants(c, rows.stream().map(DeliveryRow::lastRemindedAt).toList()));
            s.setArray(13, c.createArrayOf("bytea", rows.stream().map(DeliveryRow::message).toArray(byte[][]::new)));
            s.setArray(14, Sql.instants(c, rows.stream().map(DeliveryRow::inboxChangedAt).toList()));
            s.executeUpdate();
        }
    }

    private void writeRuns(Connection c, List<DeliveryBatchFold.RunChange> runs) throws SQLException {
        if (runs.isEmpty()) {
            return;
        }
        List<RunState> states = runs.stream().map(DeliveryBatchFold.RunChange::state).toList();
        List<Counts> deltas = runs.stream().map(DeliveryBatchFold.RunChange::delta).toList();
        try (PreparedStatement s = c.prepareStatement(upsertRuns)) {
            s.setArray(1, Sql.texts(c, states.stream().map(RunState::campaignId).toList()));
            s.setArray(2, Sql.texts(c, states.stream().map(RunState::organizationId).toList()));
            s.setArray(3, c.createArrayOf("int8", states.stream().map(RunState::version).toArray()));
            s.setArray(4, Sql.texts(c, states.stream().map(RunState::currentStepId).toList()));
            s.setArray(5, Sql.instants(c, states.stream().map(RunState::stepEnteredAt).toList()));
            s.setArray(6, Sql.instants(c, states.stream().map(RunState::nextWakeUpAt).toList()));
            s.setArray(7, ints(c, deltas.stream().map(Counts::pending)));
            s.setArray(8, ints(c, deltas.stream().map(Counts::sent)));
            s.setArray(9, ints(c, deltas.stream().map(Counts::delivered)));
            s.setArray(10, ints(c, deltas.stream().map(Counts::acknowledged)));
            s.setArray(11, ints(c, deltas.stream().map(Counts::missed)));
            s.setArray(12, ints(c, deltas.stream().map(Counts::noDevice)));
            s.setArray(13, ints(c, deltas.stream().map(Counts::failed)));
            s.setArray(14, ints(c, deltas.stream().map(Counts::read)));
            s.executeUpdate();
        }
    }

    private static Array ints(Connection c, Stream<Integer> values) throws SQLException {
        return c.createArrayOf("int4", values.toArray());
    }
}
