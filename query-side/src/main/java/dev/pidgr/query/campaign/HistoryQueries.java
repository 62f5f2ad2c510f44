package dev.pidgr.query.campaign;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.CampaignHistoryEntry;
import dev.pidgr.events.v1.StepTemplatePin;
import dev.pidgr.query.Page;
import dev.pidgr.query.PageRequest;
import dev.pidgr.query.PageTokens;
import dev.pidgr.query.ReadFailedException;
import dev.pidgr.query.sql.PagedQuery;
import dev.pidgr.query.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads of what {@link CampaignExtras} keeps: the history page by version (one range scan of the primary key),
 * chosen audience members and the start's template pins (primary-key lookups, whatever the audience size).
 */
public final class HistoryQueries {

    private static final String HISTORY_PAGE = """
        SELECT t.total, p.* FROM (SELECT count(*) AS total FROM {s}.campaign_history
            WHERE organization_id = ? AND campaign_id = ?) t
        LEFT JOIN LATERAL (SELECT * FROM {s}.campaign_history WHERE organization_id = ? AND campaign_id = ?
            AND version > ? ORDER BY version LIMIT ?) p ON true\
        """;

    private final DataSource dataSource;
    private final PageTokens tokens;
    private final String page;
    private final String members;
    private final String pins;

    public HistoryQueries(DataSource dataSource, PageTokens tokens, String schema) {
        this.dataSource = dataSource;
        this.tokens = tokens;
        this.page = Sql.in(schema, HISTORY_PAGE);
        this.members = Sql.in(schema, """
            SELECT member FROM {s}.campaign_members
            WHERE organization_id = ? AND campaign_id = ? AND user_id = ANY(?::text[])""");
        this.pins = Sql.in(schema, """
            SELECT step_id, template_id, template_version FROM {s}.campaign_template_pins
            WHERE organization_id = ? AND campaign_id = ? ORDER BY step_id""");
    }

    public Page<CampaignHistoryEntry> history(String organizationId, String campaignId, PageRequest request) {
        String org = Sql.text(organizationId);
        String campaign = Sql.text(campaignId);
        long after = request.pageToken().isEmpty() ? 0
                : tokens.decode(request.pageToken(), "history", org, campaign).micros();
        int size = request.effectiveSize();
        PagedQuery.Result<CampaignHistoryEntry> result = PagedQuery.run(dataSource, page, s -> {
            s.setString(1, org);
            s.setString(2, campaign);
            s.setString(3, org);
            s.setString(4, campaign);
            s.setLong(5, after);
            s.setInt(6, size + 1);
        }, HistoryQueries::entry, size, "campaign_id");
        String next = result.more() ? tokens.encode(
                new PageTokens.Cursor("history", org, campaign, result.items().getLast().getVersion(), "")) : "";
        return new Page<>(result.items(), next, result.total());
    }

    private static CampaignHistoryEntry entry(ResultSet r) throws SQLException {
        return CampaignHistoryEntry.newBuilder()
                .setVersion(r.getLong("version"))
                .setEventType(r.getString("event_type"))
                .setOccurredAt(Sql.timestamp(Sql.instant(r, "occurred_at")))
                .setActor(r.getString("actor"))
                .setSummary(r.getString("summary"))
                .setCommandId(r.getString("command_id"))
                .build();
    }

    /** The members among {@code userIds}, by user id; one not in the audience is absent. */
    public Map<String, AudienceMember> members(String organizationId, String campaignId, Collection<String> userIds) {
        Map<String, AudienceMember> found = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(members)) {
            s.setString(1, Sql.text(organizationId));
            s.setString(2, Sql.text(campaignId));
            s.setArray(3, Sql.texts(c, userIds));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    AudienceMember member = CampaignMapping.parse(r.getBytes("member"), AudienceMember.parser());
                    found.put(member.getUserId(), member);
                }
            }
            return found;
        } catch (SQLException e) {
            throw new ReadFailedException(e);
        }
    }

    /** The template version each SEND_NOTIFICATION step renders, as the start pinned it; empty before. */
    public List<StepTemplatePin> templatePins(String organizationId, String campaignId) {
        List<StepTemplatePin> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(pins)) {
            s.setString(1, Sql.text(organizationId));
            s.setString(2, Sql.text(campaignId));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(StepTemplatePin.newBuilder().setStepId(r.getString("step_id"))
                            .setTemplateId(r.getString("template_id"))
                            .setTemplateVersion(r.getInt("template_version")).build());
                }
            }
            return found;
        } catch (SQLException e) {
            throw new ReadFailedException(e);
        }
    }
}
