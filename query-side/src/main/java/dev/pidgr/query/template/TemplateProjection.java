package dev.pidgr.query.template;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.pidgr.api.v1.Template;
import dev.pidgr.api.v1.TemplateType;
import dev.pidgr.events.v1.TemplateEvent;
import dev.pidgr.query.projection.Parsed;
import dev.pidgr.query.projection.Projection;
import dev.pidgr.query.projection.Skips;
import dev.pidgr.query.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Projects pidgr.template.events into template_versions (every version) and templates (the latest
 * of each). An event applies only when its version is newer than the latest projected one.
 */
public final class TemplateProjection implements Projection {

    public static final String NAME = "templates";

    private final String topic;
    private final String loadLatest;
    private final String insertVersions;
    private final String upsertLatest;

    public TemplateProjection(String schema, String topic) {
        this.topic = topic;
        this.loadLatest = Sql.in(schema, """
            SELECT v.* FROM {s}.templates t
            JOIN {s}.template_versions v ON v.template_id = t.id AND v.version = t.version
            WHERE t.id = ANY(?::text[])\
            """);
        this.insertVersions = Sql.in(schema, """
            INSERT INTO {s}.template_versions (template_id, version, organization_id, name, body, variables, title,
                type, created_at, updated_at)
            SELECT * FROM unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::text[],
                ?::smallint[], ?::timestamptz[], ?::timestamptz[])
            ON CONFLICT (template_id, version) DO NOTHING\
            """);
        this.upsertLatest = Sql.in(schema, """
            INSERT INTO {s}.templates (id, organization_id, name, title, type, version, created_at, updated_at)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::smallint[], ?::int[],
                ?::timestamptz[], ?::timestamptz[])
            ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, updated_at = EXCLUDED.updated_at\
            """);
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
        List<Parsed<TemplateEvent>> events = Parsed.all(records, TemplateEvent.parser(), skips);
        Set<String> ids = new LinkedHashSet<>();
        events.forEach(p -> ids.add(p.event().getTemplateId()));
        Map<String, TemplateRow> latest = loadLatest(c, ids);
        List<TemplateRow> versions = new ArrayList<>();
        Map<String, TemplateRow> heads = new LinkedHashMap<>();
        for (Parsed<TemplateEvent> parsed : events) {
            TemplateEvent event = parsed.event();
            TemplateRow head = latest.get(event.getTemplateId());
            if (head != null && event.getVersion() <= head.version()) {
                continue;
            }
            TemplateRow next = TemplateRow.apply(head, event);
            if (next == null) {
                skips.add(parsed.record(), "template " + event.getTemplateId() + " is unknown or the event is empty");
                continue;
            }
            latest.put(next.id(), next);
            heads.put(next.id(), next);
            versions.add(next);
        }
        write(c, insertVersions, versions, true);
        write(c, upsertLatest, List.copyOf(heads.values()), false);
    }

    private Map<String, TemplateRow> loadLatest(Connection c, Set<String> ids) throws SQLException {
        Map<String, TemplateRow> rows = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(loadLatest)) {
            s.setArray(1, Sql.texts(c, ids));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    TemplateRow row = read(r);
                    rows.put(row.id(), row);
                }
            }
        }
        return rows;
    }

    /** Reads a template_versions row. */
    public static TemplateRow read(ResultSet r) throws SQLException {
        List<dev.pidgr.api.v1.TemplateVariable> variables;
        try {
            variables = Template.parseFrom(r.getBytes("variables")).getVariablesList();
        } catch (InvalidProtocolBufferException e) {
            throw new SQLException("unreadable template variables of " + r.getString("template_id"), e);
        }
        return new TemplateRow(r.getString("template_id"), r.getInt("version"), r.getString("organization_id"),
                r.getString("name"), r.getString("body"), variables, r.getString("title"),
                TemplateType.forNumber(r.getInt("type")), Sql.instant(r, "created_at"), Sql.instant(r, "updated_at"));
    }

    private static void write(Connection c, String sql, List<TemplateRow> rows, boolean allVersions)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setArray(i++, Sql.texts(c, rows.stream().map(TemplateRow::id).toList()));
            if (allVersions) {
                s.setArray(i++, c.createArrayOf("int4", rows.stream().map(TemplateRow::version).toArray()));
            }
            s.setArray(i++, Sql.texts(c, rows.stream().map(TemplateRow::organizationId).toList()));
            s.setArray(i++, Sql.texts(c, rows.stream().map(TemplateRow::name).toList()));
            if (allVersions) {
                s.setArray(i++, Sql.texts(c, rows.stream().map(TemplateRow::body).toList()));
                s.setArray(
                        i++,
                        c.createArrayOf(
                                "bytea",
                                rows.stream().map(TemplateRow::variablesBytes).toArray(byte[][]::new)));
            }
            s.setArray(i++, Sql.texts(c, rows.stream().map(TemplateRow::title).toList()));
            s.setArray(i++, c.createArrayOf("int4", rows.stream().map(r -> r.type().getNumber()).toArray()));
            if (!allVersions) {
                s.setArray(i++, c.createArrayOf("int4", rows.stream().map(TemplateRow::version).toArray()));
            }
            s.setArray(i++, Sql.instants(c, rows.stream().map(TemplateRow::createdAt).toList()));
            s.setArray(i, Sql.instants(c, rows.stream().map(TemplateRow::updatedAt).toList()));
            s.executeUpdate();
        }
    }
}
