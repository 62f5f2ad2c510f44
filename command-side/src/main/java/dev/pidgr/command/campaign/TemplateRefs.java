package dev.pidgr.command.campaign;

import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.command.catalog.TemplateCatalog;
import dev.pidgr.command.catalog.TemplateVersion;
import dev.pidgr.command.decision.Violation;
import java.util.List;
import java.util.Optional;

/**
 * Template references of a campaign, resolved against the caller's organization's catalog. A
 * template that does not exist and another organization's template give the same message, so no
 * one learns of another organization's templates.
 */
final class TemplateRefs {

    private final TemplateCatalog catalog;
    private final String organizationId;

    TemplateRefs(TemplateCatalog catalog, String organizationId) {
        this.catalog = catalog;
        this.organizationId = organizationId;
    }

    /** Version {@code version} (0 = latest) of the template, or a violation in {@code missing}. */
    Optional<TemplateVersion> resolve(String templateId, int version, String idField, String versionField,
                                      List<Violation> missing) {
        Optional<TemplateVersion> found = catalog.find(organizationId, templateId, version);
        if (found.isPresent()) {
            return found;
        }
        if (version == 0 || catalog.find(organizationId, templateId, 0).isEmpty()) {
            missing.add(new Violation(idField, "template \"" + templateId + "\" does not exist"));
        } else {
            missing.add(new Violation(versionField, "template \"" + templateId + "\" has no version " + version));
        }
        return Optional.empty();
    }

    /**
     * The templates SEND_NOTIFICATION steps name explicitly must exist (and a version they pin, when
     * not 0). Version 0 is resolved later, at Start.
     */
    void checkSteps(WorkflowDefinition workflow, String campaignTemplateId, List<Violation> missing) {
        for (int i = 0; i < workflow.getStepsCount(); i++) {
            WorkflowStep step = workflow.getSteps(i);
            if (step.getType() != StepType.STEP_TYPE_SEND_NOTIFICATION) {
                continue;
            }
            SendNotificationConfig c = step.getSendNotification();
            String path = "workflow.steps[" + i + "].send_notification";
            String templateId = c.getTemplateId().isEmpty() ? campaignTemplateId : c.getTemplateId();
            if (!c.getTemplateId().isEmpty() || c.getTemplateVersion() != 0) {
                resolve(templateId, c.getTemplateVersion(), path + ".template_id", path + ".template_version", missing);
            }
        }
    }
}
