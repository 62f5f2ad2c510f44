package dev.pidgr.contract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics a role needs when they are missing; existing topics are left as they are. */
public final class TopicAdmin {

    private TopicAdmin() {
    }

    /** Creates every topic of {@code topics} (and the dead-letter topics of the inputs) that does not exist yet. */
    public static void ensureTopics(Admin admin, Topics topics, int partitions, short replication)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = new ArrayList<>();
        for (Topic<?> topic : topics.all()) {
            if (!existing.contains(topic.name())) {
                missing.add(new NewTopic(topic.name(), partitions, replication).configs(topic.config()));
            }
        }
        for (Topic<?> input : topics.inputs()) {
            String dlq = topics.deadLetter(input);
            if (!existing.contains(dlq)) {
                Map<String, String> config = new HashMap<>(Topics.COMMANDS);
                config.put("retention.ms", String.valueOf(30L * 24 * 3600 * 1000));
                config.put("max.message.bytes", String.valueOf(Limits.MAX_DEAD_LETTER_RECORD_BYTES));
                missing.add(new NewTopic(dlq, partitions, replication).configs(config));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            // Another process created some of them at the same moment: that is fine.
        }
    }
}
