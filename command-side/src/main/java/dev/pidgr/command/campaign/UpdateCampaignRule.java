package dev.pidgr.command.campaign;

import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.command.catalog.TemplateCatalog;
import dev.pidgr.command.catalog.TemplateVersion;
import dev.pidgr.command.decision.Decision;
import dev.pidgr.command.decision.Rejection;
import dev.pidgr.command.decision.Violation;
import dev.pidgr.command.workflow.WorkflowValidator;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CampaignUpdated;
import dev.pidgr.events.v1.UpdateCampaign;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * UpdateCampaign: only a CREATED campaign; empty strings, 0 and an unset workflow mean "no change".
 * A new template_id with version 0 pins that template's latest version; a version alone re-pins the
 * current template. An update that changes nothing is accepted without an event.
 */
final class UpdateCampaignRule {

    private final WorkflowValidator workflows;

    UpdateCampaignRule(WorkflowValidator workflows) {
        this.workflows = workflows;
    }

    Decision<CampaignEvent.Builder> decide(UpdateCampaign u, CampaignState state, TemplateCatalog catalog) {
        List<Violation> invalid = new ArrayList<>();
        DraftFields.check(invalid, u.getName(), false, u.getSenderName(), u.getTitle(), u.getTemplateId(), false,
                u.getTemplateVersion());
        if (u.hasWorkflow()) {
            invalid.addAll(workflows.validate(u.getWorkflow(), "workflow"));
        }
        if (!invalid.isEmpty()) {
            return Decision.reject(Rejection.invalid(invalid));
        }
        if (state.status() != CampaignStatus.CAMPAIGN_STATUS_CREATED) {
            return Decision.reject(Rejection.failedPrecondition("campaign " + state.campaignId() + " is "
                    + state.statusName() + "; only a CREATED campaign can be updated"));
        }
        boolean newTemplate = !u.getTemplateId().isEmpty() && !u.getTemplateId().equals(state.templateId());
        String templateId = newTemplate ? u.getTemplateId() : state.templateId();
        WorkflowDefinition workflow = u.hasWorkflow() ? u.getWorkflow() : state.workflow();
        TemplateRefs refs = new TemplateRefs(catalog, state.organizationId());
        List<Violation> missing = new ArrayList<>();
        int templateVersion = state.templateVersion();
        if (newTemplate || u.getTemplateVersion() != 0) {
            Optional<TemplateVersion> pinned = refs.resolve(templateId, u.getTemplateVersion(), "template_id",
                    "template_version", missing);
            templateVersion = pinned.map(TemplateVersion::version).orElse(0);
        }
        if (newTemplate || u.hasWorkflow()) {
            refs.checkSteps(workflow, templateId, missing);
        }
        if (!missing.isEmpty()) {
            return Decision.reject(Rejection.templateMissing(missing));
        }
        CampaignUpdated.Builder updated = CampaignUpdated.newBuilder()
                .setName(or(u.getName(), state.name()))
                .setSenderName(or(u.getSenderName(), state.senderName()))
                .setTitle(or(u.getTitle(), state.title()))
                .setTemplateId(templateId)
                .setTemplateVersion(templateVersion)
                .setWorkflow(workflow);
        updated.addAllChangedFields(changes(state, updated));
        return Decision.accept(updated.getChangedFieldsCount() == 0 ? List.of()
                : List.of(CampaignEvent.newBuilder().setUpdated(updated)));
    }

    private static String or(String requested, String current) {
        return requested.isEmpty() ? current : requested;
    }

    private static List<String> changes(CampaignState s, CampaignUpdated.Builder u) {
        List<String> changed = new ArrayList<>();
        addIf(changed, "name", s.name(), u.getName());
        addIf(changed, "sender_name", s.senderName(), u.getSenderName());
        addIf(changed, "title", s.title(), u.getTitle());
        addIf(changed, "template_id", s.templateId(), u.getTemplateId());
        addIf(changed, "template_version", s.templateVersion(), u.getTemplateVersion());
        addIf(changed, "workflow", s.workflow(), u.getWorkflow());
        return changed;
    }

    private static void addIf(List<String> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
    }
}
