package dev.pidgr.query.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The schemas of one deployment: the fixed base schema ({@code pidgr}) with the control row and
 * the views readers query, and the data schemas ({@code pidgr_p1}, {@code pidgr_p2}, ...) a
 * projector writes. Both are migrated by Flyway (db/control and db/migration), which serializes
 * concurrent migrations of one schema with its own PostgreSQL advisory lock.
 */
public final class Schemas {

    /** The tables readers see, each through a view of the same name in the base schema. */
    public static final List<String> VIEWED_TABLES = List.of(
            "campaigns",
            "campaign_runs",
            "campaign_timeline",
            "campaign_nudges",
            "campaign_history",
            "campaign_members",
            "campaign_template_pins",
            "deliveries",
            "templates",
            "template_versions",
            "devices",
            "user_contacts",
            "projection_offsets",
            "projection_skipped");

    private final DataSource dataSource;
    private final String base;

    public Schemas(DataSource dataSource, String base) {
        Sql.identifier(base);
        this.dataSource = dataSource;
        this.base = base;
    }

    public String base() {
        return base;
    }

    public void migrateControl() {
        flyway(base, "classpath:db/control").migrate();
    }

    /** Migrates a data schema (creating it); returns how many migrations ran. */
    public int migrateData(String schema) {
        return flyway(schema, "classpath:db/migration").migrate().migrationsExecuted;
    }

    /**
     * Migrations may name the base schema as {@code ${base}}: a migration that changes a column a
     * view selects must drop that view first ({@code DROP VIEW IF EXISTS ${base}.campaigns}); the
     * views are recreated after every run that applied something.
     */
    private Flyway flyway(String schema, String location) {
        return Flyway.configure(Schemas.class.getClassLoader()).dataSource(dataSource).schemas(schema)
                .defaultSchema(schema).createSchemas(true).locations(location)
                .placeholders(Map.of("base", base)).load();
    }

    /** {@code <base>_p<n>} with n one more than any data schema that exists. */
    public String nextDataSchema(Connection c) throws SQLException {
        int max = 0;
        for (String schema : dataSchemas(c)) {
            max = Math.max(max, Integer.parseInt(schema.substring(base.length() + 2)));
        }
        return base + "_p" + (max + 1);
    }

    /** Every data schema of this base, active or left over. */
    public List<String> dataSchemas(Connection c) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT nspname FROM pg_namespace WHERE nspname ~ ?")) {
            s.setString(1, "^" + base + "_p[0-9]+$");
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    schemas.add(r.getString(1));
                }
            }
        }
        return schemas;
    }

    /** Repoints every view at {@code schema}; atomic when {@code c} is inside a transaction. */
    public void pointViewsAt(Connection c, String schema) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String table : VIEWED_TABLES) {
                String view = Sql.identifier(base) + "." + Sql.identifier(table);
                s.execute("DROP VIEW IF EXISTS " + view);
                s.execute("CREATE VIEW " + view + " AS SELECT * FROM " + Sql.identifier(schema) + "."
                        + Sql.identifier(table));
            }
        }
    }

    /** Whether every view exists. */
    public boolean viewsExist(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM pg_views WHERE schemaname = ? AND viewname = ANY(?::text[])")) {
            s.setString(1, base);
            s.setArray(2, c.createArrayOf("text", VIEWED_TABLES.toArray()));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1) == VIEWED_TABLES.size();
            }
        }
    }

    public void drop(Connection c, String schema) throws SQLException {
        if (!schema.startsWith(base + "_p")) {
            throw new IllegalArgumentException("not a data schema of " + base + ": " + schema);
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + Sql.identifier(schema) + " CASCADE");
        }
    }
}
