package dev.pidgr.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.contract.TopicAdmin;
import dev.pidgr.contract.Topics;
import dev.pidgr.embedded.EmbeddedKafkaCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * The command and workflow roles on a cluster of three brokers, replication left to "auto": every
 * topic they create, their Kafka Streams internal topics included, keeps 3 copies and needs 2 in
 * sync; a topic that existed with fewer copies is reported, not silently used as if replicated.
 */
class ReplicatedTopicsTest {

    @Test
    void shouldReplicateEveryTopicToThreeBrokersWithTwoInSyncAndReportOneKeptWithFewer() throws Exception {
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(Files.createTempDirectory("three-brokers"), 3);
             Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
            Topics topics = Topics.withNamespace("replicated");
            admin.createTopics(List.of(new NewTopic(topics.notificationsPush().name(), 3, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            try (Node node = new Node(settings(cluster, topics))) {
                node.start();
                node.awaitReady(Duration.ofSeconds(180));

                Map<String, TopicDescription> ours = describe(admin, topics.prefix() + "pidgr");
                Set<String> internal = ours.keySet().stream()
                        .filter(name -> name.endsWith("-changelog"))
                        .collect(Collectors.toSet());

                assertThat(internal).as("Kafka Streams' own topics").isNotEmpty();
                ours.forEach((name, description) -> {
                    if (!name.equals(topics.notificationsPush().name())) {
                        assertThat(description.partitions())
                                .as(name)
                                .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
                        assertThat(minInsync(admin, name)).as(name).isEqualTo("2");
                    }
                });
                assertThat(TopicAdmin.underReplicated(admin, topics.prefix() + "pidgr", (short) 3))
                        .containsExactly(Map.entry(topics.notificationsPush().name(), 1));
            }
        }
    }

    private static NodeSettings settings(EmbeddedKafkaCluster cluster, Topics topics) throws Exception {
        Path state = Files.createTempDirectory("replicated-state");
        return new NodeSettings(
                EnumSet.of(Role.COMMAND, Role.WORKFLOW),
                cluster.bootstrapServers(),
                "replicated",
                3,
                (short) 0,
                state,
                null,
                null,
                null,
                "127.0.0.1",
                0,
                0,
                null,
                "a-webhook-secret-for-tests".getBytes(StandardCharsets.UTF_8),
                null,
                false,
                List.of(),
                null,
                null,
                10,
                100,
                dev.pidgr.api.server.ApiLimits.DEFAULTS,
                (short) 0,
                KafkaProperties.NONE);
    }

    private static Map<String, TopicDescription> describe(Admin admin, String prefix) throws Exception {
        List<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(n -> n.startsWith(prefix))
                .toList();
        return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
    }

    private static String minInsync(Admin admin, String topic) {
        try {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            var entry = config.get("min.insync.replicas");
            // Set on the topic itself, not inherited from the brokers' default (which these brokers also have).
            return entry.source() == org.apache.kafka.clients.admin.ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG
                    ? entry.value()
                    : "inherited " + entry.value();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
