package dev.pidgr.app.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code pidgr.processor.lag.records{processor}}: how many records a Kafka Streams processor of this
 * process has not consumed yet, summed over the partitions it owns (its consumers' {@code records-lag};
 * state restoration is not counted). The per-partition figures are
 * {@code kafka.consumer.fetch.manager.records.lag} from the Kafka Streams binder.
 */
public final class ProcessorLag {

    private ProcessorLag() {
    }

    /** Registers the gauge for one processor ("command" or "workflow"). */
    public static void bind(MeterRegistry registry, String processor, KafkaStreams streams) {
        Gauge.builder("pidgr.processor.lag.records", streams, ProcessorLag::recordsBehind)
                .tag("processor", processor)
                .description("Records of the processor's input partitions not consumed yet")
                .register(registry);
    }

    static double recordsBehind(KafkaStreams streams) {
        // Kafka reports a dotted topic's partition twice (the name as is, and with dots as underscores): count it once.
        Map<String, Double> byPartition = new HashMap<>();
        for (Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
            MetricName name = entry.getKey();
            if (isPartitionLag(name)
                    && entry.getValue().metricValue() instanceof Number n
                    && !Double.isNaN(n.doubleValue())) {
                Map<String, String> tags = name.tags();
                String partition =
                        tags.get("client-id") + "/" + tags.get("topic").replace('.', '_') + "/" + tags.get("partition");
                byPartition.merge(partition, n.doubleValue(), Math::max);
            }
        }
        return byPartition.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static boolean isPartitionLag(MetricName name) {
        return name.name().equals("records-lag")
                && name.group().equals("consumer-fetch-manager-metrics")
                && name.tags().containsKey("partition") && name.tags().containsKey("topic")
                && !name.tags().getOrDefault("client-id", "").endsWith("restore-consumer");
    }
}
