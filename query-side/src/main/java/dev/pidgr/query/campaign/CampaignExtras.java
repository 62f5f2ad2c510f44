package dev.pidgr.query.campaign;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.CampaignHistoryEntry;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.StepTemplatePin;
import dev.pidgr.query.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the campaign projector keeps beside the campaign rows, for ListCampaignHistory and PreviewCampaign:
 * one history row per event, the audience with its variables, and the template pins of the start. Collected
 * over a batch and inserted in the batch's transaction; every insert ignores a row that exists, so an event
 * read again (a record replayed, or the re-read of migration V7) changes nothing.
 */
final class CampaignExtras {

    private record History(String organizationId, String campaignId, CampaignHistoryEntry entry) {
    }

    private record Member(String organizationId, String campaignId, AudienceMember member) {
    }

    private record Pin(String organizationId, String campaignId, StepTemplatePin pin) {
    }

    private final String insertHistory;
    private final String insertMembers;
    private final String insertPins;
    private final List<History> history = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();
    private final List<Pin> pins = new ArrayList<>();

    CampaignExtras(String schema) {
        this.insertHistory = Sql.in(schema, """
                INSERT INTO {s}.campaign_history (organization_id, campaign_id, version, event_type, occurred_at,
                    actor, summary, command_id)
                SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::timestamptz[], ?::text[],
                    ?::text[], ?::text[])
                ON CONFLICT DO NOTHING""");
        this.insertMembers = Sql.in(schema, """
                INSERT INTO {s}.campaign_members (organization_id, campaign_id, user_id, member)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::bytea[]) ON CONFLICT DO NOTHING""");
        this.insertPins = Sql.in(schema, """
                INSERT INTO {s}.campaign_template_pins (organization_id, campaign_id, step_id, template_id,
                    template_version)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int[]) ON CONFLICT DO NOTHING""");
    }

    /** Collects what {@code event} adds; {@code before} is the campaign's row before it (null before creation). */
    void add(CampaignEvent event, CampaignRow before) {
        String org = event.getOrganizationId();
        String campaign = event.getCampaignId();
        history.add(new History(org, campaign, HistoryEntries.of(event, before)));
        switch (event.getPayloadCase()) {
            case AUDIENCE_ADDED -> event.getAudienceAdded().getMembersList()
                    .forEach(m -> members.add(new Member(org, campaign, m)));
            case STARTED -> event.getStarted().getTemplatePinsList().forEach(p -> pins.add(new Pin(org, campaign, p)));
            // A schedule pins the versions the start will use, so a preview shows them already.
            case SCHEDULED ->
                event.getScheduled().getTemplatePinsList().forEach(p -> pins.add(new Pin(org, campaign, p)));
            case CREATED, UPDATED, CANCELLED, COMPLETED, FAILED, NUDGED, NUDGE_FINISHED, PAYLOAD_NOT_SET -> {
                // Nothing beyond the history row.
            }
        }
    }

    /** Inserts what was collected. */
    void write(Connection c) throws SQLException {
        if (!history.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement(insertHistory)) {
                s.setArray(1, Sql.texts(c, history.stream().map(History::organizationId).toList()));
                s.setArray(2, Sql.texts(c, history.stream().map(History::campaignId).toList()));
                s.setArray(3, c.createArrayOf("int8", history.stream().map(h -> h.entry().getVersion()).toArray()));
                s.setArray(4, Sql.texts(c, history.stream().map(h -> h.entry().getEventType()).toList()));
                s.setArray(5, Sql.instants(c, history.stream().map(h -> Sql.instant(h.entry().getOccurredAt()))
                        .toList()));
                s.setArray(6, Sql.texts(c, history.stream().map(h -> h.entry().getActor()).toList()));
                s.setArray(7, Sql.texts(c, history.stream().map(h -> h.entry().getSummary()).toList()));
                s.setArray(8, Sql.texts(c, history.stream().map(h -> h.entry().getCommandId()).toList()));
                s.executeUpdate();
            }
        }
        if (!members.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement(insertMembers)) {
                s.setArray(1, Sql.texts(c, members.stream().map(Member::organizationId).toList()));
                s.setArray(2, Sql.texts(c, members.stream().map(Member::campaignId).toList()));
                s.setArray(3, Sql.texts(c, members.stream().map(m -> m.member().getUserId()).toList()));
                s.setArray(4, c.createArrayOf("bytea",
                        members.stream().map(m -> m.member().toByteArray()).toArray(byte[][]::new)));
                s.executeUpdate();
            }
        }
        if (!pins.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement(insertPins)) {
                s.setArray(1, Sql.texts(c, pins.stream().map(Pin::organizationId).toList()));
                s.setArray(2, Sql.texts(c, pins.stream().map(Pin::campaignId).toList()));
                s.setArray(3, Sql.texts(c, pins.stream().map(p -> p.pin().getStepId()).toList()));
                s.setArray(4, Sql.texts(c, pins.stream().map(p -> p.pin().getTemplateId()).toList()));
                s.setArray(5, c.createArrayOf("int4", pins.stream().map(p -> p.pin().getTemplateVersion()).toArray()));
                s.executeUpdate();
            }
        }
    }
}
