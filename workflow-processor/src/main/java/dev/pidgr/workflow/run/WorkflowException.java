package dev.pidgr.workflow.run;

/** An unrecoverable error of one campaign's walk: the campaign fails with this message as reason. */
public class WorkflowException extends RuntimeException {

    public WorkflowException(String reason) {
        super(reason);
    }

    public WorkflowException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
