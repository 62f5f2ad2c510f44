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

/**
 * Creates the topics a role needs when they are missing; existing topics are left as they are, and
 * those kept with fewer copies than asked can be listed ({@link #underReplicated}).
 */
public final class TopicAdmin {

    private TopicAdmin() {
    }

    /** Creates every topic of {@code topics} (and the dead-letter topics of the inputs) that does not exist yet. */
    public static void ensureTopics(Admin admin, Topics topics, int partitions, short replication)
            throws InterruptedException, ExecutionException, TimeoutException {
        ensureTopics(admin, topics, partitions, replication, (short) Math.max(1, replication - 1));
    }

    /**
     * As above, every created topic requiring {@code minInsync} copies in sync for a write ({@code
     * min.insync.replicas}).
     */
    public static void ensureTopics(Admin admin, Topics topics, int partitions, short replication, short minInsync)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = new ArrayList<>();
        for (Topic<?> topic : topics.all()) {
            if (!existing.contains(topic.name())) {
                Map<String, String> config = new HashMap<>(topic.config());
                config.put("min.insync.replicas", Short.toString(minInsync));
                missing.add(new NewTopic(topic.name(), partitions, replication).configs(config));
            }
        }
        for (Topic<?> input : topics.inputs()) {
            String dlq = topics.deadLetter(input);
            if (!existing.contains(dlq)) {
                Map<String, String> config = new HashMap<>(Topics.COMMANDS);
                config.put("retention.ms", String.valueOf(30L * 24 * 3600 * 1000));
                config.put("max.message.bytes", String.valueOf(Limits.MAX_DEAD_LETTER_RECORD_BYTES));
                config.put("min.insync.replicas", Short.toString(minInsync));
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

    /**
     * Topics whose name starts with {@code prefix} (pidgr's own and its Kafka Streams internal topics
     * share the namespace) that have fewer replicas than {@code replication}: name to their count.
     */
    public static Map<String, Integer> underReplicated(Admin admin, String prefix, short replication)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(name -> name.startsWith(prefix)).sorted().toList();
        Map<String, Integer> under = new java.util.TreeMap<>();
        if (names.isEmpty()) {
            return under;
        }
        admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, description) -> {
            int copies = description.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
            if (copies < replication) {
                under.put(name, copies);
            }
        });
        return under;
    }
}
