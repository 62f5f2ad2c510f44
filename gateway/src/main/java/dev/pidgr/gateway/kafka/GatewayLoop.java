package dev.pidgr.gateway.kafka;

import dev.pidgr.contract.Topics;
import dev.pidgr.events.v1.PushRequest;
import dev.pidgr.gateway.send.Delivery;
import dev.pidgr.gateway.send.Finished;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The gateway's Kafka shell, one thread: consumes pidgr.notifications.push in a consumer group, starts a
 * {@link Delivery} per push (sends run on the senders' threads), and commits each partition's finished prefix in one
 * transaction: the receipts, the DeactivateDevice commands, the dead letters and the consumed offsets (ADR 0005). A
 * partition with {@code maxPendingPerPartition} pushes not yet committed is paused until some are.
 */
final class GatewayLoop implements Runnable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;
    private final BiFunction<PushRequest, Consumer<Finished>, Delivery> deliveries;
    private final int maxPendingPerPartition;
    private final PendingOffsets<List<ProducerRecord<String, byte[]>>> pending = new PendingOffsets<>();
    private final Map<TopicPartition, Map<Long, Active>> active = new HashMap<>();
    private final ConcurrentLinkedQueue<Done> done = new ConcurrentLinkedQueue<>();
    private final Outputs outputs;
    private volatile boolean running = true;

    /** A finished delivery's records; {@code token} tells it from a later delivery of the same offset. */
    private record Done(TopicPartition partition, long offset, Object token,
            List<ProducerRecord<String, byte[]>> records) {}

    private record Active(Object token, Delivery delivery) {}

    GatewayLoop(Properties clientConfig, String transactionalId, Topics topics,
            BiFunction<PushRequest, Consumer<Finished>, Delivery> deliveries, int maxPendingPerPartition) {
        Properties consumerProps = new Properties();
        consumerProps.putAll(clientConfig);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, topics.prefix() + "pidgr-gateway");
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
        Properties producerProps = new Properties();
        producerProps.putAll(clientConfig);
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        // A crashed gateway's open transaction holds back readers of its partitions until it times out.
        producerProps.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        this.topics = topics;
        this.deliveries = deliveries;
        this.maxPendingPerPartition = maxPendingPerPartition;
        this.outputs = new Outputs(topics);
    }

    @Override
    public void run() {
        try {
            producer.initTransactions();
            consumer.subscribe(List.of(topics.notificationsPush().name()), new Rebalance());
            while (running) {
                consumer.poll(Duration.ofMillis(100)).forEach(this::start);
                drainAndCommit();
                pauseOrResume();
            }
        } catch (WakeupException stopping) {
            // close() woke the poll
        } finally {
            active.values().forEach(ofPartition -> ofPartition.values().forEach(a -> a.delivery().abandon()));
            consumer.close();
            producer.close();
        }
    }

    private void start(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        pending.started(partition, record.offset());
        PushRequest push;
        try {
            push = PushRequest.parseFrom(record.value());
        } catch (Exception unreadable) {
            pending.finished(partition, record.offset(), List.of(outputs.deadLetter(record, unreadable.toString())));
            return;
        }
        Object token = new Object();
        Delivery delivery = deliveries.apply(push, finished ->
                done.add(new Done(partition, record.offset(), token, outputs.of(finished))));
        active.computeIfAbsent(partition, p -> new HashMap<>()).put(record.offset(), new Active(token, delivery));
        delivery.start();
    }

    private void drainAndCommit() {
        for (Done finished = done.poll(); finished != null; finished = done.poll()) {
            Map<Long, Active> ofPartition = active.get(finished.partition());
            Active current = ofPartition == null ? null : ofPartition.get(finished.offset());
            if (current != null && current.token() == finished.token()) {
                ofPartition.remove(finished.offset());
                pending.finished(finished.partition(), finished.offset(), finished.records());
            }
        }
        PendingOffsets.Commit<List<ProducerRecord<String, byte[]>>> commit = pending.takeCommittable();
        if (commit.isEmpty()) {
            return;
        }
        producer.beginTransaction();
        commit.results().forEach(records -> records.forEach(producer::send));
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        commit.offsets().forEach((partition, next) -> offsets.put(partition, new OffsetAndMetadata(next)));
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        producer.commitTransaction();
    }

    private void pauseOrResume() {
        for (TopicPartition partition : consumer.assignment()) {
            boolean full = pending.size(partition) >= maxPendingPerPartition;
            if (full && !consumer.paused().contains(partition)) {
                consumer.pause(List.of(partition));
            } else if (!full && consumer.paused().contains(partition)) {
                consumer.resume(List.of(partition));
            }
        }
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    /** A revoked partition's finished prefix is committed; the rest is abandoned to its next owner. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            drainAndCommit();
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }

        private void forget(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                Map<Long, Active> abandoned = active.remove(partition);
                if (abandoned != null) {
                    abandoned.values().forEach(a -> a.delivery().abandon());
                }
                pending.forget(partition);
            }
        }
    }
}
