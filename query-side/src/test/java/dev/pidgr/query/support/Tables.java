package dev.pidgr.query.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Every row of the projection tables of a schema as text, sorted: for row-for-row comparisons. */
public final class Tables {

    public static final List<String> PROJECTION_TABLES =
            List.of("campaigns", "campaign_runs", "campaign_timeline", "campaign_history", "campaign_members",
                    "campaign_template_pins", "deliveries", "templates", "template_versions");

    private Tables() {
    }

    public static Map<String, List<String>> dump(DataSource dataSource, String schema) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : PROJECTION_TABLES) {
                List<String> rows = new ArrayList<>();
                try (ResultSet r =
                        s.executeQuery("SELECT t::text FROM \"" + schema + "\"." + table + " t ORDER BY 1")) {
                    while (r.next()) {
                        rows.add(r.getString(1));
                    }
                }
                tables.put(table, rows);
            }
        }
        return tables;
    }

    /**
     * Like {@link #dump} without the inbox change times: those depend on the order in which one
     * inbox's changes from different partitions were applied, which a replay need not repeat.
     */
    public static Map<String, List<String>> dumpWithoutInboxTimes(DataSource dataSource, String schema)
            throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : PROJECTION_TABLES) {
                List<String> rows = new ArrayList<>();
                try (ResultSet r = s.executeQuery("SELECT (to_jsonb(t) - 'inbox_changed_at')::text FROM \"" + schema
                        + "\"." + table + " t ORDER BY 1")) {
                    while (r.next()) {
                        rows.add(r.getString(1));
                    }
                }
                tables.put(table, rows);
            }
        }
        return tables;
    }

    /** How many campaign runs have counters that differ from their deliveries' actual statuses (should be 0). */
    public static long runsWithWrongCounts(DataSource dataSource, String schema) throws SQLException {
        return count(dataSource, """
            SELECT count(*) FROM "%1$s".campaign_runs r LEFT JOIN (
                SELECT campaign_id, count(*) FILTER (WHERE status = 1) AS pending,
                    count(*) FILTER (WHERE status = 2) AS sent, count(*) FILTER (WHERE status = 3) AS delivered,
                    count(*) FILTER (WHERE status = 4) AS acknowledged, count(*) FILTER (WHERE status = 5) AS missed,
                    count(*) FILTER (WHERE status = 6) AS no_device, count(*) FILTER (WHERE status = 7) AS failed,
                    count(*) FILTER (WHERE read_at IS NOT NULL) AS read_count
                FROM "%1$s".deliveries GROUP BY campaign_id) d ON d.campaign_id = r.campaign_id
            WHERE (r.pending, r.sent, r.delivered, r.acknowledged, r.missed, r.no_device, r.failed, r.read_count)
                IS DISTINCT FROM (coalesce(d.pending, 0), coalesce(d.sent, 0), coalesce(d.delivered, 0),
                coalesce(d.acknowledged, 0), coalesce(d.missed, 0), coalesce(d.no_device, 0),
                coalesce(d.failed, 0), coalesce(d.read_count, 0))\
            """.formatted(schema));
    }

    public static long count(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
