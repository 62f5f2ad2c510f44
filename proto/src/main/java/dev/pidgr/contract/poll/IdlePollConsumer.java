package dev.pidgr.contract.poll;

import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** A stream thread's consumer whose polls block for {@link IdlePoll}'s timeout instead of the requested one. */
final class IdlePollConsumer extends KafkaConsumer<byte[], byte[]> {

    private final IdlePoll rule;
    private final LongSupplier nanoTime;

    IdlePollConsumer(Map<String, Object> config, IdlePoll rule, LongSupplier nanoTime) {
        super(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.rule = rule;
        this.nanoTime = nanoTime;
    }

    @Override
    public ConsumerRecords<byte[], byte[]> poll(Duration requested) {
        ConsumerRecords<byte[], byte[]> records = super.poll(nextTimeout(requested));
        if (!records.isEmpty()) {
            PollActivity.mark(nanoTime.getAsLong());
        }
        return records;
    }

    /** The timeout the next poll on this thread blocks for. */
    Duration nextTimeout(Duration requested) {
        return rule.timeout(requested, PollActivity.nanosSinceWork(nanoTime));
    }
}
