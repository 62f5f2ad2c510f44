package dev.pidgr.app.run;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The one base Kafka Streams configuration both processors start from. */
final class StreamsBase {

    private StreamsBase() {
    }

    /** The base configuration of a Streams role, with what the operator gave for {@code role} applied last. */
    static Properties of(
            NodeSettings settings, Replication replication, Role role, String roleDir, int commitIntervalMs) {
        Properties p = new Properties();
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().resolve(roleDir).toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replication.factor());
        p.put(StreamsConfig.topicPrefix("min.insync.replicas"), Short.toString(replication.minInsync()));
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        // Both processors keep global template stores; Kafka 5 turns this on by default.
        p.put("processing.exception.handler.global.enabled", true);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterOverflow.class);
        p.putAll(settings.kafkaProperties().of(role));
        return p;
    }
}
