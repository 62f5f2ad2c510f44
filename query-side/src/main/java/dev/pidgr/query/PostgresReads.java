package dev.pidgr.query;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignHistoryEntry;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.Delivery;
import dev.pidgr.api.v1.DeviceSummary;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.InboxEntry;
import dev.pidgr.api.v1.Template;
import dev.pidgr.api.v1.TemplateType;
import dev.pidgr.events.v1.StepTemplatePin;
import dev.pidgr.query.campaign.CampaignQueries;
import dev.pidgr.query.campaign.HistoryQueries;
import dev.pidgr.query.campaign.NudgeQueries;
import dev.pidgr.query.campaign.TimelineQueries;
import dev.pidgr.query.device.DeviceQueries;
import dev.pidgr.query.inbox.InboxQueries;
import dev.pidgr.query.template.TemplateQueries;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;

/**
 * Every read of the query side, against PostgreSQL. Queries go through the fixed views schema
 * ({@code pidgr} unless configured), which a replay repoints atomically, so readers never notice a
 * rebuild. Thread-safe; each call borrows one pooled connection for one statement. A database
 * failure surfaces as {@link ReadFailedException}; a bad page token as {@link InvalidPageTokenException}.
 */
public final class PostgresReads implements CampaignReads, TemplateReads, InboxReads, DeviceReads,
        ProjectionPositions {

    private final CampaignQueries campaigns;
    private final TimelineQueries timelines;
    private final NudgeQueries nudges;
    private final HistoryQueries histories;
    private final TemplateQueries templates;
    private final InboxQueries inboxes;
    private final DeviceQueries devices;

    /** Reads through the views in {@code schema} (the base schema of {@link QuerySettings}). */
    public PostgresReads(DataSource dataSource, PageTokens tokens, String schema) {
        this.campaigns = new CampaignQueries(dataSource, tokens, schema);
        this.timelines = new TimelineQueries(dataSource, schema);
        this.nudges = new NudgeQueries(dataSource, schema);
        this.histories = new HistoryQueries(dataSource, tokens, schema);
        this.templates = new TemplateQueries(dataSource, tokens, schema);
        this.inboxes = new InboxQueries(dataSource, schema);
        this.devices = new DeviceQueries(dataSource, schema);
    }

    /** Reads through the views in the default schema {@value QuerySettings#DEFAULT_SCHEMA}. */
    public PostgresReads(DataSource dataSource, PageTokens tokens) {
        this(dataSource, tokens, QuerySettings.DEFAULT_SCHEMA);
    }

    @Override
    public Optional<Campaign> campaign(String organizationId, String campaignId) {
        return campaigns.campaign(organizationId, campaignId);
    }

    @Override
    public Page<Campaign> campaigns(String organizationId, CampaignStatus statusFilter, PageRequest page) {
        return campaigns.campaigns(organizationId, statusFilter, page);
    }

    @Override
    public Page<Delivery> deliveries(String organizationId, String campaignId, DeliveryStatus statusFilter,
                                     PageRequest page) {
        return campaigns.deliveries(organizationId, campaignId, statusFilter, page);
    }

    @Override
    public List<TimelineEntry> timeline(String organizationId, String campaignId, int granularity) {
        return timelines.timeline(organizationId, campaignId, granularity);
    }

    @Override
    public OptionalInt nudgeMatched(String organizationId, String campaignId, long nudge) {
        return nudges.matched(organizationId, campaignId, nudge);
    }

    @Override
    public Page<CampaignHistoryEntry> history(String organizationId, String campaignId, PageRequest page) {
        return histories.history(organizationId, campaignId, page);
    }

    @Override
    public Map<String, AudienceMember> members(String organizationId, String campaignId, Collection<String> userIds) {
        return histories.members(organizationId, campaignId, userIds);
    }

    @Override
    public List<StepTemplatePin> templatePins(String organizationId, String campaignId) {
        return histories.templatePins(organizationId, campaignId);
    }

    @Override
    public Optional<Template> template(String organizationId, String templateId, int version) {
        return templates.template(organizationId, templateId, version);
    }

    @Override
    public Page<Template> templates(String organizationId, TemplateType typeFilter, PageRequest page) {
        return templates.templates(organizationId, typeFilter, page);
    }

    @Override
    public SyncPage sync(String organizationId, String userId, Instant since, int limit) {
        return inboxes.sync(organizationId, userId, since, limit);
    }

    @Override
    public Optional<InboxEntry> entry(String organizationId, String userId, String deliveryId) {
        return inboxes.entry(organizationId, userId, deliveryId);
    }

    @Override
    public List<DeviceSummary> devices(String organizationId, String userId) {
        return devices.devices(organizationId, userId);
    }

    @Override
    public long deviceVersion(String organizationId, String userId) {
        return devices.version(organizationId, userId);
    }

    @Override
    public long campaignVersion(String campaignId) {
        return campaigns.version(campaignId);
    }

    @Override
    public long templateVersion(String templateId) {
        return templates.version(templateId);
    }
}
