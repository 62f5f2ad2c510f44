package dev.pidgr.command.check;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.pidgr.contract.Topics;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.TemplateEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the campaign and template event topics from the beginning, committed records only, without a group. */
final class EventReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Topics topics;
    private final List<TopicPartition> partitions = new ArrayList<>();

    EventReader(Properties clientConfig, Topics topics) {
        Properties p = new Properties();
        p.putAll(clientConfig);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
        for (String topic : List.of(topics.campaignEvents().name(), topics.templateEvents().name())) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Number of partitions of a topic (for working out which aggregates a Streams instance owns). */
    int partitionCount(String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).size();
    }

    /** Reads everything committed up to now; returns false if the deadline passed first. */
    boolean readToEnd(Consumer<CampaignEvent> campaigns, Consumer<TemplateEvent> templates, long deadlineMillis) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (!reached(end)) {
            if (System.currentTimeMillis() > deadlineMillis) {
                return false;
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.topic().equals(topics.campaignEvents().name())) {
                    campaigns.accept(parse(() -> CampaignEvent.parseFrom(r.value())));
                } else {
                    templates.accept(parse(() -> TemplateEvent.parseFrom(r.value())));
                }
            }
        }
        return true;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    interface Parse<T> {
        T run() throws InvalidProtocolBufferException;
    }

    private static <T> T parse(Parse<T> parse) {
        try {
            return parse.run();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("an event topic holds a record that is not an event: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
