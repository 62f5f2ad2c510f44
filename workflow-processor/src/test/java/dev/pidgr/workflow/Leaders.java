package dev.pidgr.workflow;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Waiting for new topics' partition leaders: writing before they have one only produces retries. Right after
 * CreateTopics the broker may not know a topic yet (UnknownTopicOrPartitionException) or know it without a
 * leader; both pass, so both mean "ask again". Anything else is an error, and a leader still missing at the
 * deadline fails the test with the partitions that lack one.
 */
final class Leaders {

    private Leaders() {
    }

    /** Asks {@code describe} (at least once) until every partition of every topic it describes has a leader. */
    static void await(Callable<Map<String, TopicDescription>> describe, Duration timeout, Duration pause)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String missing = withoutLeader(describe);
            if (missing.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("partitions without a leader after " + timeout + ": " + missing);
            }
            Thread.sleep(pause.toMillis());
        }
    }

    /** The partitions without a leader (or the passing error that hid them); empty when every one has one. */
    private static String withoutLeader(Callable<Map<String, TopicDescription>> describe) throws Exception {
        Map<String, TopicDescription> topics;
        try {
            topics = describe.call();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException passing) {
                return passing.toString();
            }
            throw e;
        }
        return topics.values().stream()
                .flatMap(t -> t.partitions().stream()
                        .filter(p -> p.leader() == null || p.leader().isEmpty())
                        .map(p -> t.name() + "-" + p.partition()))
                .sorted()
                .collect(Collectors.joining(", "));
    }
}
