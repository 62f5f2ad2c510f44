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
import dev.pidgr.events.v1.CampaignStarted;
import dev.pidgr.events.v1.StepTemplatePin;
import java.util.ArrayList;
import java.util.List;

/**
 * StartCampaign: only a CREATED campaign, and only when nothing can make the run fail half-way:
 * the workflow is still valid, the audience is not empty, every template version the campaign and
 * its SEND_NOTIFICATION steps render exists, and every required variable without a default has a
 * value for every member. Each SEND_NOTIFICATION step's template version is pinned here.
 */
final class StartCampaignRule {

    private final WorkflowValidator workflows;

    StartCampaignRule(WorkflowValidator workflows) {
        this.workflows = workflows;
    }

    Decision<CampaignEvent.Builder> decide(
            CampaignState state, TemplateCatalog catalog, AudienceSource audience, Timestamp at) {
        if (state.status() != CampaignStatus.CAMPAIGN_STATUS_CREATED) {
            return Decision.reject(Rejection.failedPrecondition("campaign " + state.campaignId() + " is "
                    + state.statusName() + "; only a CREATED campaign can be started"));
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
        CampaignStarted.Builder started = CampaignStarted.newBuilder().setStartedAt(at);
        pins.forEach(p -> started.addTemplatePins(p.pin()));
        return Decision.accept(List.of(CampaignEvent.newBuilder().setStarted(started)));
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
