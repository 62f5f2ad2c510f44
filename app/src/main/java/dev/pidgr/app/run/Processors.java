package dev.pidgr.app.run;

import dev.pidgr.app.metrics.KafkaClientMeters;
import dev.pidgr.app.metrics.WorkflowMeters;
import dev.pidgr.command.CommandSettings;
import dev.pidgr.command.CommandSide;
import dev.pidgr.contract.Topics;
import dev.pidgr.workflow.WorkflowProcessor;
import dev.pidgr.workflow.WorkflowSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The two Kafka Streams roles, built on the one base configuration of {@link StreamsBase}. */
final class Processors {

    private Processors() {
    }

    static CommandSide command(NodeSettings settings, Replication replication, Topics topics) {
        CommandSettings commandSettings =
                CommandSettings.defaults().withAllowInsecureWebhooks(settings.allowInsecureWebhooks());
        return new CommandSide(
                StreamsBase.of(settings, replication, Role.COMMAND, "command", settings.commandCommitIntervalMs()),
                topics,
                commandSettings);
    }

    /**
     * The workflow processor, its producers counting what it sends into {@code registry} (see {@link WorkflowMeters}).
     */
    static WorkflowProcessor workflow(
            NodeSettings settings, Replication replication, Topics topics, MeterRegistry registry) {
        Map<String, Object> webhookProducer = new HashMap<>(KafkaClientMeters.clientConfig(registry));
        webhookProducer.putAll(WorkflowMeters.webhookProducerConfig(registry));
        // The role's own producer settings (security, typically) reach this producer too, plain or with Streams'
        // prefix.
        settings.kafkaProperties().of(Role.WORKFLOW).forEach((key, value) -> {
            String plain = key.startsWith(StreamsConfig.PRODUCER_PREFIX)
                    ? key.substring(StreamsConfig.PRODUCER_PREFIX.length())
                    : key;
            if (ProducerConfig.configNames().contains(plain) && !plain.equals(ProducerConfig.CLIENT_ID_CONFIG)) {
                webhookProducer.put(plain, value);
            }
        });
        WorkflowSettings workflowSettings = WorkflowSettings.defaults()
                .withAllowInsecureWebhooks(settings.allowInsecureWebhooks())
                .withWebhookSecret(settings.webhookSecret())
                .withWebhookProducerConfig(webhookProducer);
        Properties streams =
                StreamsBase.of(settings, replication, Role.WORKFLOW, "workflow", settings.workflowCommitIntervalMs());
        WorkflowMeters.streamsProducerConfig(registry)
                .forEach((key, value) -> streams.put(StreamsConfig.producerPrefix(key), value));
        return new WorkflowProcessor(streams, topics, workflowSettings);
    }
}
