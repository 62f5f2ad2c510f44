package dev.pidgr.workflow.run;

import dev.pidgr.contract.render.TemplateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a throwable escaping a step means for its campaign: the reason it fails with. */
final class Failures {

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    /**
     * The failure reason: an unrecoverable error of the walk (a missing template version, an invalid delay) says
     * what it is; anything else (a bug, a stack overflow, memory) is an internal error whose details go to the log
     * only.
     */
    static String reason(Run run, Throwable e) {
        if (e instanceof WorkflowException || e instanceof TemplateException) {
            return e.getMessage();
        }
        LOG.error("Campaign {}: an internal error; the campaign fails", run.campaignId(), e);
        String where = run.cursor().hasStep() ? "step \"" + run.cursor().getStep().getStepId() + "\"" : "the walk";
        return where + " failed with an internal error (" + e.getClass().getSimpleName() + ")";
    }
}
