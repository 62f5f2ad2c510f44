package dev.pidgr.bench.latency;

import dev.pidgr.bench.kafka.BrokerAdmin;
import dev.pidgr.bench.kafka.Clients;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The command latency's baseline: a small record produced (idempotent, acks=all, no linger) to a
 * scratch topic on the same broker and received by a read_committed consumer, at the same offered
 * rate and count as the fixed-rate phase, each timed from its intended send to its receipt.
 */
public final class RoundTripBaseline {

    private static final int RECORD_BYTES = 100;
    private static final int WARM_UP = 100;

    private RoundTripBaseline() {
    }

    public static Latencies run(String bootstrapServers, BrokerAdmin admin, int count, int rate) throws Exception {
        String topic = admin.scratchTopic("roundtrip", 1);
        AtomicLongArray intended = new AtomicLongArray(WARM_UP + count);
        Latencies latencies = new Latencies();
        CountDownLatch received = new CountDownLatch(WARM_UP + count);
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.committedReader(bootstrapServers, "bench-roundtrip");
             KafkaProducer<byte[], byte[]> producer = Clients.plainProducer(bootstrapServers, "bench-roundtrip",
                     Map.of(ProducerConfig.LINGER_MS_CONFIG, 0))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            consumer.position(partition);
            Thread receiver = Thread.ofPlatform()
                    .name("bench-roundtrip-receiver")
                    .start(() -> receive(consumer, intended, latencies, received));
            try {
                OpenLoop.Issue send = (i, at) -> {
                    intended.set(i, at);
                    producer.send(
                            new ProducerRecord<>(
                                    topic,
                                    ByteBuffer.allocate(RECORD_BYTES).putInt(i).array()),
                            (m, e) -> {
                                if (e != null) {
                                    latencies.error();
                                    received.countDown();
                                }
                            });
                };
                OpenLoop.run(WARM_UP, rate, send);
                OpenLoop.run(count, rate, (i, at) -> send.call(WARM_UP + i, at));
                if (!received.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("round-trip records did not all arrive");
                }
            } finally {
                consumer.wakeup();
                receiver.join(10_000);
            }
        } finally {
            admin.deleteTopic(topic);
        }
        return latencies;
    }

    private static void receive(
            KafkaConsumer<byte[], byte[]> consumer,
            AtomicLongArray intended,
            Latencies latencies,
            CountDownLatch received) {
        try {
            while (received.getCount() > 0) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    int i = ByteBuffer.wrap(record.value()).getInt();
                    if (i >= WARM_UP) {
                        latencies.record(now - intended.get(i));
                    }
                    received.countDown();
                }
            }
        } catch (WakeupException e) {
            // stopped
        }
    }
}
