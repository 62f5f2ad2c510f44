package dev.pidgr.command.kafka;

import dev.pidgr.command.campaign.CampaignDecider;
import dev.pidgr.command.campaign.CampaignEvolver;
import dev.pidgr.command.campaign.CampaignSnapshot;
import dev.pidgr.command.campaign.CampaignState;
import dev.pidgr.command.catalog.TemplateCatalog;
import dev.pidgr.command.decision.Decision;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CampaignEvent;
import java.util.List;

/**
 * Loads a campaign, asks the decider (noting its template lookups), and folds the events into the state to save and
 * show.
 */
final class CampaignPlanner implements Plan.Planner<CampaignCommand> {

    private final CampaignDecider decider;
    private final CampaignStore store;
    private final TemplateCatalog catalog;

    CampaignPlanner(CampaignDecider decider, CampaignStore store, TemplateCatalog catalog) {
        this.decider = decider;
        this.store = store;
        this.catalog = catalog;
    }

    @Override
    public Plan plan(CampaignCommand command) {
        CampaignState before = store.load(command.getCampaignId());
        String commandId = command.getMetadata().getCommandId();
        RecordingCatalog seen = new RecordingCatalog(catalog);
        Plan plan = switch (decider.decide(command, before, seen, store.audience(before))) {
            case Decision.Accepted<CampaignEvent> a -> accepted(commandId, before, a.events());
            case Decision.Rejected<CampaignEvent> r ->
                Plan.rejected(
                        Results.rejected(commandId, command.getCampaignId(), visible(before, command), r.rejection()),
                        r.rejection());
        };
        return plan.withLookups(seen.lookups());
    }

    @Override
    public long visibleVersion(CampaignCommand command) {
        return visible(store.load(command.getCampaignId()), command);
    }

    private Plan accepted(String commandId, CampaignState before, List<CampaignEvent> events) {
        CampaignState after = before;
        for (CampaignEvent e : events) {
            after = CampaignEvolver.evolve(after, e);
        }
        List<Outputs.OutRecord> records = events.stream()
                .map(e -> EventRecords.of(e.getCampaignId(), e, e.getEventId()))
                .toList();
        CampaignState saved = after;
        Runnable save = events.isEmpty() ? () -> { } : () -> store.save(saved, events);
        return new Plan(Results.accepted(commandId, CampaignSnapshot.of(after)), records, save);
    }

    private static long visible(CampaignState state, CampaignCommand command) {
        return state.exists()
                        && state.organizationId().equals(command.getMetadata().getOrganizationId())
                ? state.version()
                : 0;
    }
}
