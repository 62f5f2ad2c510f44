package dev.pidgr.command.check;

import dev.pidgr.api.v1.TemplateVariable;
import dev.pidgr.command.campaign.CampaignEvolver;
import dev.pidgr.command.campaign.CampaignState;
import dev.pidgr.command.kafka.StoreKeys;
import dev.pidgr.command.store.AudienceChunk;
import dev.pidgr.command.store.CatalogLatest;
import dev.pidgr.command.store.CatalogVersion;
import dev.pidgr.command.template.TemplateEvolver;
import dev.pidgr.command.template.TemplateState;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.TemplateEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fold of the event topics into what the stores should hold. Audience chunks are not kept here:
 * the check compares each one as it is read (they never change), so a check of many large campaigns
 * does not hold their audiences in memory.
 */
final class EventFold {

    final Map<String, CampaignState> campaigns = new TreeMap<>();
    final Map<String, TemplateState> templates = new TreeMap<>();
    /** Catalog key to its expected value ("<id>/<version>" and "<id>/latest"). */
    final Map<String, byte[]> catalog = new HashMap<>();

    void apply(CampaignEvent e) {
        campaigns.put(e.getCampaignId(), CampaignEvolver.evolve(
                campaigns.getOrDefault(e.getCampaignId(), CampaignState.none(e.getCampaignId())), e));
    }

    void apply(TemplateEvent e) {
        templates.put(e.getTemplateId(), TemplateEvolver.evolve(
                templates.getOrDefault(e.getTemplateId(), TemplateState.none(e.getTemplateId())), e));
        List<TemplateVariable> variables = e.hasCreated()
                ? e.getCreated().getVariablesList()
                : e.getUpdated().getVariablesList();
        int version = (int) e.getVersion();
        catalog.put(
                StoreKeys.catalogVersion(e.getTemplateId(), version),
                CatalogVersion.newBuilder()
                        .setOrganizationId(e.getOrganizationId())
                        .setVersion(version)
                        .addAllVariables(variables)
                        .build()
                        .toByteArray());
        catalog.put(
                StoreKeys.catalogLatest(e.getTemplateId()),
                CatalogLatest.newBuilder()
                        .setOrganizationId(e.getOrganizationId())
                        .setVersion(version)
                        .build()
                        .toByteArray());
    }

    static byte[] chunk(CampaignEvent e) {
        return AudienceChunk.newBuilder().addAllMembers(e.getAudienceAdded().getMembersList()).build().toByteArray();
    }
}
