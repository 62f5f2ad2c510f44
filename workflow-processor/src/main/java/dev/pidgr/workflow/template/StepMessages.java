package dev.pidgr.workflow.template;

import dev.pidgr.api.v1.Template;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.contract.render.MessageTemplate;
import dev.pidgr.contract.render.TemplateException;
import dev.pidgr.workflow.kafka.Keys;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.run.WorkflowException;
import dev.pidgr.workflow.state.TemplateVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The compiled message of each SEND_NOTIFICATION step, compiled once per campaign step (not per
 * member) from the pinned template version and kept in a small per-task cache.
 */
public final class StepMessages {

    private static final int CACHE_SIZE = 128;

    private final KeyValueStore<String, TemplateVersion> templates;
    private final Map<String, MessageTemplate> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MessageTemplate> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public StepMessages(KeyValueStore<String, TemplateVersion> templates) {
        this.templates = templates;
    }

    /**
     * The step's message.
     *
     * @throws WorkflowException when the pinned version is missing, foreign or not valid Mustache
     */
    public MessageTemplate of(Run run, WorkflowStep step) {
        String key = run.campaignId() + "/" + step.getId();
        MessageTemplate cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        TemplatePins.Pin pin = TemplatePins.of(run.spec(), step);
        TemplateVersion version = templates.get(Keys.templateVersion(pin.templateId(), pin.version()));
        if (version == null || !version.getOrganizationId().equals(run.spec().getOrganizationId())) {
            throw new TemplateNotLoadedException(
                    "template " + pin.templateId() + " version " + pin.version() + " is missing");
        }
        try {
            MessageTemplate compiled = MessageTemplate.compile(run.campaignId(), run.spec().getTitle(),
                    run.spec().getSenderName(), step.getSendNotification(), text(version));
            cache.put(key, compiled);
            return compiled;
        } catch (TemplateException e) {
            throw new WorkflowException(
                    "template " + pin.templateId() + " version " + pin.version() + ": " + e.getMessage(), e);
        }
    }

    /** What the renderer reads of a stored template version (the api previews from the same fields). */
    public static Template text(TemplateVersion version) {
        return Template.newBuilder().setTitle(version.getTitle()).setBody(version.getBody())
                .setType(version.getType()).addAllVariables(version.getVariablesList()).build();
    }
}
