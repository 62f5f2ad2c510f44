package dev.pidgr.command.campaign;

import dev.pidgr.command.catalog.TemplateCatalog;
import dev.pidgr.command.decision.Decision;
import dev.pidgr.command.decision.Rejection;
import dev.pidgr.command.workflow.WorkflowValidator;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CommandMetadata;
import java.util.Optional;

/**
 * {@code decide(command, state) -> events or rejection} for campaigns. Pure: the template catalog
 * and the audience are read-only inputs, time and ids come in with the command, so the same inputs
 * always give the same (byte-identical) events.
 */
public final class CampaignDecider {

    private final CreateCampaignRule create;
    private final UpdateCampaignRule update;
    private final StartCampaignRule start;

    public CampaignDecider(WorkflowValidator workflows) {
        this(workflows, ScheduleWindow.DEFAULT);
    }

    /** @param window how far ahead a start may be scheduled (tests of the timer shorten it) */
    public CampaignDecider(WorkflowValidator workflows, ScheduleWindow window) {
        this.create = new CreateCampaignRule(workflows);
        this.update = new UpdateCampaignRule(workflows);
        this.start = new StartCampaignRule(workflows, window);
    }

    public Decision<CampaignEvent> decide(CampaignCommand command, CampaignState state, TemplateCatalog templates,
                                          AudienceSource audience) {
        Optional<Rejection> refused = guard(command, state);
        if (refused.isPresent()) {
            return Decision.reject(refused.get());
        }
        Decision<CampaignEvent.Builder> decided = switch (command.getPayloadCase()) {
            case CREATE_CAMPAIGN -> create.decide(command, templates);
            case UPDATE_CAMPAIGN -> update.decide(command.getUpdateCampaign(), state, templates);
            case START_CAMPAIGN ->
                start.decide(command.getStartCampaign(), state, templates, audience,
                        command.getMetadata().getIssuedAt());
            case CANCEL_CAMPAIGN ->
                LifecycleRules.cancel(state, command.getMetadata().getIssuedAt());
            case COMPLETE_CAMPAIGN ->
                LifecycleRules.complete(state, command.getMetadata().getIssuedAt());
            case FAIL_CAMPAIGN ->
                LifecycleRules.fail(
                        state, command.getFailCampaign(), command.getMetadata().getIssuedAt());
            case NUDGE_CAMPAIGN -> NudgeRules.nudge(state, command.getNudgeCampaign());
            case FINISH_NUDGE -> NudgeRules.finish(state, command.getFinishNudge());
            case PAYLOAD_NOT_SET -> Decision.reject(Rejection.invalid("payload", "the command has no payload"));
        };
        return switch (decided) {
            case Decision.Accepted<CampaignEvent.Builder> a ->
                    Decision.accept(CampaignEvents.stamp(command, state.version(), a.events()));
            case Decision.Rejected<CampaignEvent.Builder> r -> Decision.reject(r.rejection());
        };
    }

    /** Existence, organization and expected version, common to every command. */
    private static Optional<Rejection> guard(CampaignCommand command, CampaignState state) {
        CommandMetadata m = command.getMetadata();
        if (command.getPayloadCase() == CampaignCommand.PayloadCase.CREATE_CAMPAIGN) {
            if (state.exists()) {
                return Optional.of(Rejection.alreadyExists("campaign " + command.getCampaignId() + " already exists"));
            }
        } else if (!state.exists() || !state.organizationId().equals(m.getOrganizationId())) {
            return Optional.of(Rejection.notFound("campaign " + command.getCampaignId() + " not found"));
        }
        if (m.hasExpectedVersion() && m.getExpectedVersion() != state.version()) {
            return Optional.of(Rejection.aborted(m.getExpectedVersion(), state.version()));
        }
        return Optional.empty();
    }
}
