package dev.pidgr.command.campaign;

import com.google.protobuf.Timestamp;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.command.catalog.TemplateCatalog;
import dev.pidgr.command.catalog.TemplateVersion;
import dev.pidgr.command.decision.Decision;
import dev.pidgr.command.decision.Rejection;
import dev.pidgr.command.decision.Violation;
import dev.pidgr.command.workflow.WorkflowValidator;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.StartCampaign;
import dev.pidgr.events.v1.StepTemplatePin;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * StartCampaign: only a CREATED campaign, and only when nothing can make the run fail half-way:
 * the workflow is still valid, the audience is not empty, every template version the campaign and
 * its SEND_NOTIFICATION steps render exists, and every required variable without a default has a
 * value for every member. Each SEND_NOTIFICATION step's template version is pinned here. With a
 * start_at ahead (within the {@link ScheduleWindow}) the same checks and pins make the campaign
 * SCHEDULED instead; {@link ScheduledStartRule} decides what a SCHEDULED campaign's start does.
 */
final class StartCampaignRule {

    private final WorkflowValidator workflows;
    private final ScheduleWindow window;

    StartCampaignRule(WorkflowValidator workflows, ScheduleWindow window) {
        this.workflows = workflows;
        this.window = window;
    }

    Decision<CampaignEvent.Builder> decide(
            StartCampaign command, CampaignState state, TemplateCatalog catalog, AudienceSource audience,
            Timestamp at) {
        Optional<Violation> badStart = window.check(command.getStartAt(), at);
        if (badStart.isPresent()) {
            return Decision.reject(Rejection.invalid(List.of(badStart.get())));
        }
        boolean later = window.later(command.getStartAt(), at);
        if (command.getScheduleVersion() != 0 || state.status() == CampaignStatus.CAMPAIGN_STATUS_SCHEDULED) {
            return ScheduledStartRule.decide(command, state, later, at);
        }
        if (state.status() != CampaignStatus.CAMPAIGN_STATUS_CREATED) {
            return Decision.reject(Rejection.failedPrecondition("campaign " + state.campaignId() + " is "
                    + state.statusName() + "; only a CREATED or SCHEDULED campaign can be started"));
        }
        List<Violation> workflowProblems = workflows.validate(state.workflow(), "workflow");
        if (!workflowProblems.isEmpty()) {
            return Decision.reject(Rejection.failedPrecondition(workflowProblems));
        }
        if (state.totalRecipients() == 0) {
            return Decision.reject(Rejection.failedPrecondition(List.of(new Violation(
                    "audience",
                    "campaign " + state.campaignId()
                            + " has no audience members; a campaign needs at least one to start"))));
        }
        TemplateRefs refs = new TemplateRefs(catalog, state.organizationId());
        List<Violation> missing = new ArrayList<>();
        refs.resolve(state.templateId(), state.templateVersion(), "template_id", "template_version", missing);
        List<RequiredVariables.StepPin> pins = pins(state, refs, missing);
        if (!missing.isEmpty()) {
            return Decision.reject(Rejection.templateMissing(missing));
        }
        Rejection absent = RequiredVariables.check(pins, audience);
        if (absent != null) {
            return Decision.reject(absent);
        }
        List<StepTemplatePin> pinned = pins.stream().map(RequiredVariables.StepPin::pin).toList();
        return later ? ScheduledStartRule.scheduled(command.getStartAt(), pinned)
                : ScheduledStartRule.started(at, pinned);
    }

    /**
     * Each SEND_NOTIFICATION step's template: its own, or the campaign's. A step naming a template
     * with version 0 renders that template's latest version now; a step without a template and with
     * version 0 renders the campaign's pinned version.
     */
    private static List<RequiredVariables.StepPin> pins(
            CampaignState state, TemplateRefs refs, List<Violation> missing) {
        List<RequiredVariables.StepPin> pins = new ArrayList<>();
        for (int i = 0; i < state.workflow().getStepsCount(); i++) {
            WorkflowStep step = state.workflow().getSteps(i);
            if (step.getType() != StepType.STEP_TYPE_SEND_NOTIFICATION) {
                continue;
            }
            SendNotificationConfig c = step.getSendNotification();
            boolean own = !c.getTemplateId().isEmpty();
            String templateId = own ? c.getTemplateId() : state.templateId();
            int version = c.getTemplateVersion() != 0 ? c.getTemplateVersion() : own ? 0 : state.templateVersion();
            String path = "workflow.steps[" + i + "].send_notification";
            refs.resolve(
                            templateId,
                            version,
                            own ? path + ".template_id" : "template_id",
                            path + ".template_version",
                            missing)
                    .ifPresent(tv -> pins.add(pin(step, tv)));
        }
        return pins;
    }

    private static RequiredVariables.StepPin pin(WorkflowStep step, TemplateVersion tv) {
        StepTemplatePin pin = StepTemplatePin.newBuilder().setStepId(step.getId()).setTemplateId(tv.templateId())
                .setTemplateVersion(tv.version()).build();
        return new RequiredVariables.StepPin(pin, tv, step.getSendNotification().getCustomVariablesMap().keySet());
    }
}
