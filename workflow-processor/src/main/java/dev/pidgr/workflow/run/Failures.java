package dev.pidgr.workflow.run;

import org.apache.kafka.common.KafkaException;

/** What a throwable escaping a step means for the walk. */
final class Failures {

    private Failures() {
    }

    /**
     * Whether it is Kafka's own (a fenced producer, a migrated task, a closing runtime), itself or
     * as a cause: those belong to Kafka Streams, which aborts the transaction and recovers the task.
     */
    static boolean fromKafka(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KafkaException) {
                return true;
            }
        }
        return false;
    }

    /** The failure reason of a campaign whose step threw something unexpected; the details go to the log only. */
    static String reason(Run run, Throwable e) {
        String where = run.cursor().hasStep() ? "step \"" + run.cursor().getStep().getStepId() + "\"" : "the walk";
        return where + " failed with an internal error (" + e.getClass().getSimpleName() + ")";
    }
}
