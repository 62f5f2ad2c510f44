package dev.pidgr.query.campaign;

import dev.pidgr.query.ReadFailedException;
import dev.pidgr.query.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalInt;
import javax.sql.DataSource;

/** A campaign's nudges as the workflow reported them: one primary-key look-up of campaign_nudges. */
public final class NudgeQueries {

    private final DataSource dataSource;
    private final String matched;

    public NudgeQueries(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.matched = Sql.in(schema, """
            SELECT matched FROM {s}.campaign_nudges WHERE organization_id = ? AND campaign_id = ? AND nudge = ?\
            """);
    }

    /** How many deliveries the nudge selected; empty until its NudgeSelected is projected. */
    public OptionalInt matched(String organizationId, String campaignId, long nudge) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(matched)) {
            s.setString(1, Sql.text(organizationId));
            s.setString(2, Sql.text(campaignId));
            s.setLong(3, nudge);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? OptionalInt.of(r.getInt(1)) : OptionalInt.empty();
            }
        } catch (SQLException e) {
            throw new ReadFailedException(e);
        }
    }
}
