package dev.pidgr.command.kafka;

import dev.pidgr.command.decision.Decision;
import dev.pidgr.command.template.TemplateDecider;
import dev.pidgr.command.template.TemplateEvolver;
import dev.pidgr.command.template.TemplateSnapshot;
import dev.pidgr.command.template.TemplateState;
import dev.pidgr.events.v1.TemplateCommand;
import dev.pidgr.events.v1.TemplateEvent;
import java.util.List;

/** Loads a template, asks the decider, and folds the event into the state to save and show. */
final class TemplatePlanner implements Plan.Planner<TemplateCommand> {

    private final TemplateStore store;

    TemplatePlanner(TemplateStore store) {
        this.store = store;
    }

    @Override
    public Plan plan(TemplateCommand command) {
        TemplateState before = store.load(command.getTemplateId());
        String commandId = command.getMetadata().getCommandId();
        return switch (TemplateDecider.decide(command, before)) {
            case Decision.Accepted<TemplateEvent> a -> accepted(commandId, before, a.events());
            case Decision.Rejected<TemplateEvent> r ->
                Plan.rejected(
                        Results.rejected(commandId, command.getTemplateId(), visible(before, command), r.rejection()),
                        r.rejection());
        };
    }

    @Override
    public long visibleVersion(TemplateCommand command) {
        return visible(store.load(command.getTemplateId()), command);
    }

    private Plan accepted(String commandId, TemplateState before, List<TemplateEvent> events) {
        TemplateState after = before;
        for (TemplateEvent e : events) {
            after = TemplateEvolver.evolve(after, e);
        }
        TemplateState saved = after;
        List<Outputs.OutRecord> records = events.stream()
                .map(e -> EventRecords.of(e.getTemplateId(), e, e.getEventId()))
                .toList();
        return new Plan(Results.accepted(commandId, TemplateSnapshot.of(after, events.get(events.size() - 1))), records,
                () -> store.save(saved));
    }

    private static long visible(TemplateState state, TemplateCommand command) {
        return state.exists()
                        && state.organizationId().equals(command.getMetadata().getOrganizationId())
                ? state.version()
                : 0;
    }
}
