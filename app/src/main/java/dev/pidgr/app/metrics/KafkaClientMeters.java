package dev.pidgr.app.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka client binder for clients the app does not construct itself (the api's gateway and
 * interaction producers, the query side's consumers, the webhook results producer): a Kafka
 * {@code MetricsReporter} that mirrors every client metric into the registry, named and tagged as
 * Micrometer's {@code KafkaClientMetrics} names them ({@code kafka.producer.record.send.total} with
 * {@code client.id}, {@code kafka.version}, ...), so they line up with the Kafka Streams binder's.
 * Add {@link #clientConfig(MeterRegistry)} to a client's settings.
 */
public final class KafkaClientMeters implements MetricsReporter {

    /** The client setting that carries the registry to the reporter (an object, never printed). */
    public static final String REGISTRY_CONFIG = "pidgr.metrics.registry";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClientMeters.class);
    private static final String VERSION = kafkaVersion();

    private final Map<MetricName, Meter> meters = new ConcurrentHashMap<>();
    private MeterRegistry registry;

    /** Settings that make a Kafka client report its metrics into {@code registry}. */
    public static Map<String, Object> clientConfig(MeterRegistry registry) {
        return Map.of(CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG, KafkaClientMeters.class.getName(),
                REGISTRY_CONFIG, registry);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        if (!(configs.get(REGISTRY_CONFIG) instanceof MeterRegistry given)) {
            throw new ConfigException(REGISTRY_CONFIG + " must hold the MeterRegistry to report to");
        }
        registry = given;
    }

    @Override
    public void init(List<KafkaMetric> metrics) {
        metrics.forEach(this::metricChange);
    }

    @Override
    public void metricChange(KafkaMetric metric) {
        if (!(metric.metricValue() instanceof Number)) {
            return; // app-info strings (version, commit id) are not measurements
        }
        Meter previous = meters.remove(metric.metricName());
        if (previous != null) {
            registry.remove(previous);
        }
        Meter meter = register(metric);
        if (meter != null) {
            meters.put(metric.metricName(), meter);
        }
    }

    @Override
    public void metricRemoval(KafkaMetric metric) {
        Meter meter = meters.remove(metric.metricName());
        if (meter != null) {
            registry.remove(meter);
        }
    }

    @Override
    public void close() {
        meters.values().forEach(registry::remove);
        meters.clear();
    }

    private Meter register(KafkaMetric metric) {
        MetricName name = metric.metricName();
        String meterName = meterName(name);
        List<Tag> tags = tags(name);
        if (!makeRoom(meterName, tags)) {
            return null;
        }
        try {
            if (name.name().endsWith("-total")) {
                return FunctionCounter.builder(meterName, metric, KafkaClientMeters::value)
                        .tags(tags).description(name.description()).register(registry);
            }
            return Gauge.builder(meterName, metric, KafkaClientMeters::value)
                    .tags(tags).description(name.description()).strongReference(true).register(registry);
        } catch (RuntimeException e) {
            LOG.debug("Kafka metric {} not mirrored: {}", name, e.toString());
            return null;
        }
    }

    /**
     * Kafka reports some names at several levels (a client's total, and per topic); Prometheus needs
     * one set of labels per name. As Micrometer's Kafka binders do, the most detailed level wins:
     * meters of the name with fewer labels give way, and this one is skipped if an existing one has
     * as many or more.
     */
    private boolean makeRoom(String meterName, List<Tag> tags) {
        Set<String> keys = new HashSet<>();
        tags.forEach(t -> keys.add(t.getKey()));
        for (Meter existing : registry.find(meterName).meters()) {
            Set<String> existingKeys = new HashSet<>();
            existing.getId().getTags().forEach(t -> existingKeys.add(t.getKey()));
            if (existingKeys.equals(keys)) {
                continue;
            }
            if (existingKeys.size() >= keys.size()) {
                return false;
            }
            registry.remove(existing);
        }
        return true;
    }

    static String meterName(MetricName name) {
        return ("kafka." + name.group() + "." + name.name()).replace("-metrics", "").replace('-', '.');
    }

    private static List<Tag> tags(MetricName name) {
        List<Tag> tags = new ArrayList<>();
        name.tags().forEach((key, value) -> tags.add(Tag.of(key.replace('-', '.'), value)));
        tags.add(Tag.of("kafka.version", VERSION));
        return tags;
    }

    /** The clients' version, from the same file Kafka's own app-info reads. */
    private static String kafkaVersion() {
        try (java.io.InputStream in = MetricsReporter.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double value(KafkaMetric metric) {
        return metric.metricValue() instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
