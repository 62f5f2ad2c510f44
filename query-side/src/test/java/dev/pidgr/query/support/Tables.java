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

    public static final List<String> PROJECTION_TABLES = List.of("campaigns", "campaign_runs", "deliveries",
            "inboxes", "templates", "template_versions");

    private Tables() {
    }

    public static Map<String, List<String>> dump(DataSource dataSource, String schema) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : PROJECTION_TABLES) {
                List<String> rows = new ArrayList<>();
                try (ResultSet r = s.executeQuery("SELECT t::text FROM \"" + schema + "\"." + table + " t ORDER BY 1")) {
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
                if (table.equals("inboxes")) {
                    continue;
                }
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

    public static long count(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
