package dev.pidgr.query.campaign;

import dev.pidgr.query.ReadFailedException;
import dev.pidgr.query.TimelineEntry;
import dev.pidgr.query.delivery.TimelineCounts;
import dev.pidgr.query.delivery.TimelineSlot;
import dev.pidgr.query.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** A campaign's timeline slots at one granularity: one range scan of campaign_timeline's primary key. */
public final class TimelineQueries {

    private final DataSource dataSource;
    private final String slots;

    public TimelineQueries(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.slots = Sql.in(schema, """
            SELECT at, sent, delivered, read_count, acknowledged, missed, reminded FROM {s}.campaign_timeline
            WHERE organization_id = ? AND campaign_id = ? AND granularity = ? ORDER BY at\
            """);
    }

    public List<TimelineEntry> timeline(String organizationId, String campaignId, int granularity) {
        if (!TimelineSlot.GRANULARITIES.contains(granularity)) {
            throw new IllegalArgumentException(
                    "the timeline is kept at " + TimelineSlot.GRANULARITIES + " seconds, not " + granularity);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(slots)) {
            s.setString(1, Sql.text(organizationId));
            s.setString(2, Sql.text(campaignId));
            s.setInt(3, granularity);
            List<TimelineEntry> entries = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    entries.add(new TimelineEntry(
                            Sql.instant(r, "at"),
                            new TimelineCounts(
                                    r.getInt("sent"),
                                    r.getInt("delivered"),
                                    r.getInt("read_count"),
                                    r.getInt("acknowledged"),
                                    r.getInt("missed"),
                                    r.getInt("reminded"))));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new ReadFailedException(e);
        }
    }
}
