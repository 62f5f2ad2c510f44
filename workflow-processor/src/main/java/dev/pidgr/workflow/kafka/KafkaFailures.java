package dev.pidgr.workflow.kafka;

import org.apache.kafka.common.KafkaException;

/** Which throwables are Kafka's business rather than a campaign's. */
public final class KafkaFailures {

    private KafkaFailures() {
    }

    /**
     * Whether it is Kafka's own (a fenced producer, a migrated task, a closing runtime), itself or as a cause: those
     * belong to Kafka Streams, which aborts the transaction and recovers the task, so they must not fail a campaign.
     */
    public static boolean fromKafka(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KafkaException) {
                return true;
            }
        }
        return false;
    }
}
