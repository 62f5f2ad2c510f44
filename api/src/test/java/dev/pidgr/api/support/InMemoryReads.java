package dev.pidgr.api.support;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignHistoryEntry;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.Delivery;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.InboxEntry;
import dev.pidgr.api.v1.Template;
import dev.pidgr.api.v1.TemplateType;
import dev.pidgr.events.v1.StepTemplatePin;
import dev.pidgr.query.CampaignReads;
import dev.pidgr.query.InboxReads;
import dev.pidgr.query.InvalidPageTokenException;
import dev.pidgr.query.Page;
import dev.pidgr.query.PageRequest;
import dev.pidgr.query.DeviceReads;
import dev.pidgr.query.ProjectionPositions;
import dev.pidgr.query.TemplateReads;
import dev.pidgr.query.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double of the query side for edge behaviour that has nothing to do with SQL (org scoping
 * at the edge, read-your-writes waiting, status mapping). It is not the database: paging is a
 * single page and a page token other than empty is refused as invalid.
 */
public final class InMemoryReads
        implements CampaignReads, TemplateReads, InboxReads, DeviceReads, ProjectionPositions {

    private record Owned<T>(String organizationId, T value) {
    }

    private final Map<String, Owned<Campaign>> campaigns = new ConcurrentHashMap<>();
    private final Map<String, Owned<Template>> templates = new ConcurrentHashMap<>();
    private final Map<String, Long> campaignPositions = new ConcurrentHashMap<>();
    private final Map<String, Long> templatePositions = new ConcurrentHashMap<>();
    private final Map<String, List<InboxEntry>> inboxes = new ConcurrentHashMap<>();
    private final Map<String, List<Delivery>> deliveries = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> campaignReads = new ConcurrentHashMap<>();
    private final Map<String, List<TimelineEntry>> timelines = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> positionReads = new ConcurrentHashMap<>();
    private final Map<String, Integer> nudges = new ConcurrentHashMap<>();
    private final Map<String, Owned<Template>> templateVersions = new ConcurrentHashMap<>();
    private final Map<String, List<CampaignHistoryEntry>> histories = new ConcurrentHashMap<>();
    private final Map<String, Map<String, AudienceMember>> audiences = new ConcurrentHashMap<>();
    private final Map<String, List<StepTemplatePin>> pins = new ConcurrentHashMap<>();
    private final Map<String, List<dev.pidgr.api.v1.DeviceSummary>> devices = new ConcurrentHashMap<>();
    private final Map<String, Long> devicePositions = new ConcurrentHashMap<>();

    /** Projects a recipient's devices as of {@code version}. */
    public void projectDevices(String organizationId, String userId, long version,
                               List<dev.pidgr.api.v1.DeviceSummary> list) {
        devices.put(organizationId + "/" + userId, List.copyOf(list));
        devicePositions.put(organizationId + "/" + userId, version);
    }

    /** Projects a campaign: it becomes readable and its position is its version. */
    public void project(String organizationId, Campaign campaign) {
        campaigns.put(campaign.getId(), new Owned<>(organizationId, campaign));
        campaignPositions.put(campaign.getId(), campaign.getVersion());
    }

    /** Projects a template version (the latest one is what version 0 reads). */
    public void project(String organizationId, Template template) {
        templates.merge(template.getId(), new Owned<>(organizationId, template),
                (old, now) -> old.value().getVersion() > now.value().getVersion() ? old : now);
        templateVersions.put(template.getId() + "/" + template.getVersion(), new Owned<>(organizationId, template));
        templatePositions.put(template.getId(), (long) template.getVersion());
    }

    public void addDelivery(Delivery delivery) {
        deliveries.computeIfAbsent(delivery.getCampaignId(), id -> new ArrayList<>()).add(delivery);
    }

    public void addInboxEntry(String organizationId, String userId, InboxEntry entry) {
        inboxes.computeIfAbsent(organizationId + "/" + userId, k -> new ArrayList<>()).add(entry);
    }

    /** How often {@link #campaign} read this campaign id (any organization). */
    public int campaignReads(String campaignId) {
        return campaignReads.getOrDefault(campaignId, new AtomicInteger()).get();
    }

    /** How often {@link #campaignVersion} read this campaign id's projected version. */
    public int positionReads(String campaignId) {
        return positionReads.getOrDefault(campaignId, new AtomicInteger()).get();
    }

    @Override
    public Optional<Campaign> campaign(String organizationId, String campaignId) {
        campaignReads.computeIfAbsent(campaignId, id -> new AtomicInteger()).incrementAndGet();
        Owned<Campaign> owned = campaigns.get(campaignId);
        return owned != null && owned.organizationId().equals(organizationId)
                ? Optional.of(owned.value())
                : Optional.empty();
    }

    @Override
    public Page<Campaign> campaigns(String organizationId, CampaignStatus statusFilter, PageRequest page) {
        requireFirstPage(page);
        List<Campaign> items = campaigns.values().stream()
                .filter(o -> o.organizationId().equals(organizationId))
                .map(Owned::value)
                .filter(c ->
                        statusFilter == CampaignStatus.CAMPAIGN_STATUS_UNSPECIFIED || c.getStatus() == statusFilter)
                .toList();
        return new Page<>(items, "", items.size());
    }

    /** Stores a campaign's timeline slot at one granularity (seconds). */
    public void addTimeline(String organizationId, String campaignId, int granularity, TimelineEntry entry) {
        timelines
                .computeIfAbsent(organizationId + "/" + campaignId + "/" + granularity, k -> new ArrayList<>())
                .add(entry);
    }

    @Override
    public List<TimelineEntry> timeline(String organizationId, String campaignId, int granularity) {
        return timelines.getOrDefault(organizationId + "/" + campaignId + "/" + granularity, List.of()).stream()
                .sorted(java.util.Comparator.comparing(TimelineEntry::at)).toList();
    }

    /** Records a nudge's selection, as the projection does on NudgeSelected. */
    public void addNudge(String organizationId, String campaignId, long nudge, int matched) {
        nudges.put(organizationId + "/" + campaignId + "/" + nudge, matched);
    }

    @Override
    public java.util.OptionalInt nudgeMatched(String organizationId, String campaignId, long nudge) {
        Integer matched = nudges.get(organizationId + "/" + campaignId + "/" + nudge);
        return matched == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(matched);
    }

    /** Stores a campaign's history entries (one page, oldest first as given). */
    public void addHistory(String organizationId, String campaignId, CampaignHistoryEntry... entries) {
        histories.computeIfAbsent(organizationId + "/" + campaignId, k -> new ArrayList<>()).addAll(List.of(entries));
    }

    /** Stores members of a campaign's audience. */
    public void addMembers(String organizationId, String campaignId, AudienceMember... members) {
        Map<String, AudienceMember> audience =
                audiences.computeIfAbsent(organizationId + "/" + campaignId, k -> new ConcurrentHashMap<>());
        for (AudienceMember m : members) {
            audience.put(m.getUserId(), m);
        }
    }

    /** Stores the template pins of a campaign's start. */
    public void addPins(String organizationId, String campaignId, StepTemplatePin... started) {
        pins.computeIfAbsent(organizationId + "/" + campaignId, k -> new ArrayList<>()).addAll(List.of(started));
    }

    @Override
    public Page<CampaignHistoryEntry> history(String organizationId, String campaignId, PageRequest page) {
        requireFirstPage(page);
        List<CampaignHistoryEntry> items = histories.getOrDefault(organizationId + "/" + campaignId, List.of());
        return new Page<>(List.copyOf(items), "", items.size());
    }

    @Override
    public Map<String, AudienceMember> members(String organizationId, String campaignId, Collection<String> userIds) {
        Map<String, AudienceMember> audience = audiences.getOrDefault(organizationId + "/" + campaignId, Map.of());
        Map<String, AudienceMember> found = new java.util.HashMap<>();
        userIds.stream().filter(audience::containsKey).forEach(id -> found.put(id, audience.get(id)));
        return found;
    }

    @Override
    public List<StepTemplatePin> templatePins(String organizationId, String campaignId) {
        return List.copyOf(pins.getOrDefault(organizationId + "/" + campaignId, List.of()));
    }

    @Override
    public Page<Delivery> deliveries(
            String organizationId, String campaignId, DeliveryStatus statusFilter, PageRequest page) {
        requireFirstPage(page);
        List<Delivery> items = deliveries.getOrDefault(campaignId, List.of()).stream()
                .filter(d ->
                        statusFilter == DeliveryStatus.DELIVERY_STATUS_UNSPECIFIED || d.getStatus() == statusFilter)
                .toList();
        return new Page<>(items, "", items.size());
    }

    @Override
    public Optional<Template> template(String organizationId, String templateId, int version) {
        Owned<Template> owned = templates.get(templateId);
        if (owned == null || !owned.organizationId().equals(organizationId)) {
            return Optional.empty();
        }
        if (version == 0) {
            return Optional.of(owned.value());
        }
        Owned<Template> exact = templateVersions.get(templateId + "/" + version);
        return exact != null && exact.organizationId().equals(organizationId) ? Optional.of(exact.value())
                : Optional.empty();
    }

    @Override
    public Page<Template> templates(String organizationId, TemplateType typeFilter, PageRequest page) {
        requireFirstPage(page);
        List<Template> items = templates.values().stream()
                .filter(o -> o.organizationId().equals(organizationId)).map(Owned::value)
                .filter(t -> typeFilter == TemplateType.TEMPLATE_TYPE_UNSPECIFIED || t.getType() == typeFilter)
                .toList();
        return new Page<>(items, "", items.size());
    }

    @Override
    public SyncPage sync(String organizationId, String userId, Instant since, int limit) {
        List<InboxEntry> entries = inboxes.getOrDefault(organizationId + "/" + userId, List.of());
        return new SyncPage(entries.stream().limit(limit).toList(), since);
    }

    @Override
    public Optional<InboxEntry> entry(String organizationId, String userId, String deliveryId) {
        return inboxes.getOrDefault(organizationId + "/" + userId, List.of()).stream()
                .filter(e -> e.getDeliveryId().equals(deliveryId)).findFirst();
    }

    @Override
    public long campaignVersion(String campaignId) {
        positionReads.computeIfAbsent(campaignId, id -> new AtomicInteger()).incrementAndGet();
        return campaignPositions.getOrDefault(campaignId, 0L);
    }

    @Override
    public List<dev.pidgr.api.v1.DeviceSummary> devices(String organizationId, String userId) {
        return devices.getOrDefault(organizationId + "/" + userId, List.of());
    }

    @Override
    public long deviceVersion(String organizationId, String userId) {
        return devicePositions.getOrDefault(organizationId + "/" + userId, 0L);
    }

    @Override
    public long templateVersion(String templateId) {
        return templatePositions.getOrDefault(templateId, 0L);
    }

    private static void requireFirstPage(PageRequest page) {
        if (!page.pageToken().isEmpty()) {
            throw new InvalidPageTokenException("this test double has a single page");
        }
    }
}
