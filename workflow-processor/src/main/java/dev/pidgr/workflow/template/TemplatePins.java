package dev.pidgr.workflow.template;

import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.events.v1.StepTemplatePin;
import dev.pidgr.workflow.run.WorkflowException;
import dev.pidgr.workflow.state.RunSpec;

/** Which template version a SEND_NOTIFICATION step renders. */
public final class TemplatePins {

    /** A template version. */
    public record Pin(String templateId, int version) {
    }

    private TemplatePins() {
    }

    /**
     * The pin CampaignStarted gave the step; without one (an older start event), the step's own
     * pinned version, or the campaign's template when the step names none.
     */
    public static Pin of(RunSpec spec, WorkflowStep step) {
        for (StepTemplatePin pin : spec.getTemplatePinsList()) {
            if (pin.getStepId().equals(step.getId())) {
                return new Pin(pin.getTemplateId(), pin.getTemplateVersion());
            }
        }
        SendNotificationConfig config = step.getSendNotification();
        String templateId = config.getTemplateId().isEmpty() ? spec.getTemplateId() : config.getTemplateId();
        if (config.getTemplateVersion() > 0) {
            return new Pin(templateId, config.getTemplateVersion());
        }
        if (templateId.equals(spec.getTemplateId())) {
            return new Pin(templateId, spec.getTemplateVersion());
        }
        throw new WorkflowException("step \"" + step.getId() + "\" has no pinned template version");
    }
}
