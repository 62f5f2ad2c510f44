package dev.pidgr.workflow.template;

import dev.pidgr.workflow.run.WorkflowException;

/**
 * The pinned template version is not in the template store. Usually final (the campaign fails),
 * but right after a start it may only not have arrived yet: the template store is fed by its own
 * thread from another topic, with no ordering against campaign events.
 */
public final class TemplateNotLoadedException extends WorkflowException {

    public TemplateNotLoadedException(String reason) {
        super(reason);
    }
}
