package dev.pidgr.gateway.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.pidgr.contract.Topic;
import dev.pidgr.events.v1.DeviceEvent;
import dev.pidgr.gateway.contact.ContactBook;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of pidgr.device.events from the beginning into the {@link ContactBook}, then follows it:
 * every gateway process knows every recipient (a push may land on any of them). Without a consumer group, it commits
 * nothing; a restart reads the topic again. An unreadable event is logged and skipped (re-read on every start, it
 * is not parked again on every start).
 */
final class ContactReader implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ContactReader.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Topic<DeviceEvent> topic;
    private final ContactBook book;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running = true;

    ContactReader(Properties clientConfig, Topic<DeviceEvent> topic, ContactBook book) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.book = book;
    }

    /** Whether every event that existed when reading began has been applied. */
    boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
                if (caughtUp.getCount() > 0 && ends.entrySet().stream()
                        .allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll
        } finally {
            consumer.close();
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            book.apply(DeviceEvent.parseFrom(record.value()));
        } catch (InvalidProtocolBufferException | NullPointerException e) {
            LOG.error("Unreadable device event at {}-{}@{} skipped: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
        }
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }
}
