package dev.pidgr.bench.fanout;

import dev.pidgr.bench.kafka.BrokerAdmin;
import dev.pidgr.bench.kafka.Clients;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The fan-out's baseline: a plain idempotent producer (Kafka's defaults, acks=all) writing as many
 * records of the same size (key, value and headers) to a scratch topic with as many partitions as
 * pidgr's, on the same broker. Unkeyed, so it spreads over every partition: the fastest plain way in.
 */
public final class ProducerBaseline {

    private ProducerBaseline() {
    }

    /** Seconds from the first send to the last acknowledgement. */
    public static double run(String bootstrapServers, BrokerAdmin admin, int partitions, int records, RecordShape shape)
            throws Exception {
        String topic = admin.scratchTopic("producer", partitions);
        byte[] value = new byte[shape.keyBytes() + shape.valueBytes()]; // no key: its bytes go into the value
        java.util.Arrays.fill(value, (byte) 'x');
        AtomicLong failed = new AtomicLong();
        try (KafkaProducer<byte[], byte[]> producer =
                Clients.plainProducer(bootstrapServers, "bench-producer-baseline", Map.of())) {
            for (int p = 0; p < partitions; p++) { // warm up: the producer knows every partition's leader
                producer.send(new ProducerRecord<byte[], byte[]>(
                                topic, p, (byte[]) null, value, shape.sameSizeHeaders()))
                        .get(60, TimeUnit.SECONDS);
            }
            long started = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(
                        new ProducerRecord<byte[], byte[]>(topic, null, (byte[]) null, value, shape.sameSizeHeaders()),
                        (metadata, error) -> {
                            if (error != null) {
                                failed.incrementAndGet();
                            }
                        });
            }
            producer.flush();
            double seconds = (System.nanoTime() - started) / 1e9;
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " baseline records failed");
            }
            return seconds;
        } finally {
            admin.deleteTopic(topic);
        }
    }
}
