package dev.pidgr.query.campaign;

import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.query.projection.Parsed;
import dev.pidgr.query.projection.Projection;
import dev.pidgr.query.projection.Skips;
import dev.pidgr.query.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Projects pidgr.campaign.events into campaigns. A batch loads the rows it touches, folds the
 * events over them (an event applies only if its version is newer than the row's) and upserts the
 * final rows in one statement; beside them, in the same transaction, the history, audience and
 * template pins of {@link CampaignExtras}.
 */
public final class CampaignProjection implements Projection {

    public static final String NAME = "campaigns";

    private final String schema;
    private final String topic;
    private final String load;
    private final String upsert;

    public CampaignProjection(String schema, String topic) {
        this.schema = schema;
        this.topic = topic;
        this.load = Sql.in(schema, "SELECT * FROM {s}.campaigns WHERE id = ANY(?::text[])");
        this.upsert = Sql.in(schema, """
                INSERT INTO {s}.campaigns (id, organization_id, name, template_id, template_version, status, workflow,
                    total_recipients, sender_name, title, failure_reason, created_at, started_at, completed_at, version,
                    scheduled_start_at)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::smallint[], ?::bytea[],
                    ?::int[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[],
                    ?::bigint[], ?::timestamptz[])
                ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, template_id = EXCLUDED.template_id,
                    template_version = EXCLUDED.template_version, status = EXCLUDED.status,
                    workflow = EXCLUDED.workflow, sender_name = EXCLUDED.sender_name, title = EXCLUDED.title,
                    failure_reason = EXCLUDED.failure_reason, started_at = EXCLUDED.started_at,
                    completed_at = EXCLUDED.completed_at, version = EXCLUDED.version,
                    scheduled_start_at = EXCLUDED.scheduled_start_at""");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public void apply(Connection c, List<ConsumerRecord<byte[], byte[]>> records, Skips skips) throws SQLException {
        List<Parsed<CampaignEvent>> events = Parsed.all(records, CampaignEvent.parser(), skips);
        Set<String> ids = new LinkedHashSet<>();
        events.forEach(p -> ids.add(p.event().getCampaignId()));
        Map<String, CampaignRow> rows = load(c, ids);
        Map<String, CampaignRow> changed = new LinkedHashMap<>();
        CampaignExtras extras = new CampaignExtras(schema);
        for (Parsed<CampaignEvent> parsed : events) {
            CampaignEvent event = parsed.event();
            CampaignRow row = rows.get(event.getCampaignId());
            if (row != null || event.getPayloadCase() == CampaignEvent.PayloadCase.CREATED) {
                extras.add(event, row);
            }
            if (row != null && event.getVersion() <= row.version()) {
                continue;
            }
            CampaignRow next = CampaignTransitions.apply(row, event);
            if (next == null) {
                skips.add(parsed.record(), "campaign " + event.getCampaignId() + " is unknown");
                continue;
            }
            rows.put(next.id(), next);
            changed.put(next.id(), next);
        }
        write(c, List.copyOf(changed.values()));
        extras.write(c);
    }

    private Map<String, CampaignRow> load(Connection c, Set<String> ids) throws SQLException {
        Map<String, CampaignRow> rows = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(load)) {
            s.setArray(1, Sql.texts(c, ids));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    CampaignRow row = read(r);
                    rows.put(row.id(), row);
                }
            }
        }
        return rows;
    }

    static CampaignRow read(ResultSet r) throws SQLException {
        return new CampaignRow(r.getString("id"), r.getString("organization_id"), r.getString("name"),
                r.getString("template_id"), r.getInt("template_version"), CampaignStatus.forNumber(r.getInt("status")),
                r.getBytes("workflow"), r.getInt("total_recipients"), r.getString("sender_name"), r.getString("title"),
                r.getString("failure_reason"), Sql.instant(r, "created_at"), Sql.instant(r, "started_at"),
                Sql.instant(r, "completed_at"), r.getLong("version"), Sql.instant(r, "scheduled_start_at"));
    }

    private void write(Connection c, List<CampaignRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(upsert)) {
            s.setArray(1, Sql.texts(c, rows.stream().map(CampaignRow::id).toList()));
            s.setArray(2, Sql.texts(c, rows.stream().map(CampaignRow::organizationId).toList()));
            s.setArray(3, Sql.texts(c, rows.stream().map(CampaignRow::name).toList()));
            s.setArray(4, Sql.texts(c, rows.stream().map(CampaignRow::templateId).toList()));
            s.setArray(5, c.createArrayOf("int4", rows.stream().map(CampaignRow::templateVersion).toArray()));
            s.setArray(6, c.createArrayOf("int4", rows.stream().map(r -> r.status().getNumber()).toArray()));
            s.setArray(7, c.createArrayOf("bytea", rows.stream().map(CampaignRow::workflow).toArray(byte[][]::new)));
            s.setArray(8, c.createArrayOf("int4", rows.stream().map(CampaignRow::totalRecipients).toArray()));
            s.setArray(9, Sql.texts(c, rows.stream().map(CampaignRow::senderName).toList()));
            s.setArray(10, Sql.texts(c, rows.stream().map(CampaignRow::title).toList()));
            s.setArray(11, Sql.texts(c, rows.stream().map(CampaignRow::failureReason).toList()));
            s.setArray(12, Sql.instants(c, rows.stream().map(CampaignRow::createdAt).toList()));
            s.setArray(13, Sql.instants(c, rows.stream().map(CampaignRow::startedAt).toList()));
            s.setArray(14, Sql.instants(c, rows.stream().map(CampaignRow::completedAt).toList()));
            s.setArray(15, c.createArrayOf("int8", rows.stream().map(CampaignRow::version).toArray()));
            s.setArray(16, Sql.instants(c, rows.stream().map(CampaignRow::scheduledStartAt).toList()));
            s.executeUpdate();
        }
    }
}
