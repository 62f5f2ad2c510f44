package dev.pidgr.app.ops;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.pidgr.app.dev.DevJson;
import dev.pidgr.app.run.KafkaSecurity;
import dev.pidgr.app.run.KafkaSecurityOptions;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.contract.Topic;
import dev.pidgr.contract.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pidgr events tail}: prints a topic's records as readable JSON, for people exploring the stream. */
@Command(
        name = "tail",
        mixinStandardHelpOptions = true,
        description = "Print the records of a topic as JSON, following new ones (Ctrl-C stops, or --max-records /"
                + " --timeout).")
public final class EventsTailCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--topic",
            required = true,
            description = "Topic name without namespace, e.g. pidgr.campaign.events.")
    String topicName;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of new records only.")
    boolean fromBeginning;

    @Option(names = "--json", description = "One compact JSON object per line (for scripts) instead of indented JSON.")
    boolean compact;

    @Option(names = "--max-records", description = "Stop after printing this many records.")
    Long maxRecords;

    @Option(names = "--timeout", description = "Stop when no record arrived for this long, ISO-8601 (e.g. PT5S).")
    Duration idleTimeout;

    @Option(
            names = "--data-dir",
            defaultValue = ".pidgr",
            description = "A dev server's data folder (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--bootstrap-servers", description = "Kafka to read from instead of the dev server's.")
    String bootstrapServers;

    @Option(names = "--namespace", description = "Topic namespace prefix (default: the dev server's, else none).")
    String namespace;

    @Mixin
    KafkaSecurityOptions kafkaSecurity;

    @Override
    public Integer call() throws Exception {
        DevJson dev = bootstrapServers == null || namespace == null ? devServer() : null;
        Topics topics = Topics.withNamespace(namespace != null ? namespace : dev == null ? "" : dev.namespace());
        Topic<?> topic = topics.all().stream()
                .filter(t -> t.name().equals(topics.prefix() + topicName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown topic " + topicName + "; one of "
                        + topics.all().stream().map(t -> t.name().substring(topics.prefix().length())).toList()));
        String servers = bootstrapServers != null ? bootstrapServers : dev.kafka();
        JsonFormat.Printer printer = JsonFormat.printer().preservingProtoFieldNames();
        if (compact) {
            printer = printer.omittingInsignificantWhitespace();
        }
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config(servers, kafkaSecurity.security()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            follow(consumer, topic, printer);
        }
        return 0;
    }

    /** Prints until interrupted, --max-records printed, or --timeout without a record. */
    private void follow(KafkaConsumer<String, byte[]> consumer, Topic<?> topic, JsonFormat.Printer printer) {
        PrintWriter out = spec.commandLine().getOut();
        long printed = 0;
        long lastRecordAt = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                out.println(render(record, topic, printer));
                lastRecordAt = System.nanoTime();
                if (maxRecords != null && ++printed >= maxRecords) {
                    out.flush();
                    return;
                }
            }
            out.flush();
            if (idleTimeout != null && System.nanoTime() - lastRecordAt >= idleTimeout.toNanos()) {
                return;
            }
        }
    }

    /** The dev server of --data-dir, or null when none wrote dev.json (then --bootstrap-servers is needed). */
    private DevJson devServer() throws java.io.IOException {
        if (bootstrapServers != null && !java.nio.file.Files.exists(dataDir.resolve("dev.json"))) {
            return null;
        }
        return DevJson.read(dataDir);
    }

    private String render(ConsumerRecord<String, byte[]> record, Topic<?> topic, JsonFormat.Printer printer) {
        String type = EventHeaders.read(record.headers(), EventHeaders.EVENT_TYPE);
        try {
            Message message = topic.valueSerde().parse(record.value());
            return RecordJson.readable(record, type, printer.print(message));
        } catch (RuntimeException | InvalidProtocolBufferException e) {
            return RecordJson.unreadable(record, type, String.valueOf(e.getMessage()));
        }
    }

    private static Properties config(String servers, KafkaSecurity security) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.putAll(security.clientProperties());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }
}
