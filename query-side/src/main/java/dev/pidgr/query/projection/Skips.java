package dev.pidgr.query.projection;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a projection could not apply in one batch. They are written to projection_skipped in
 * the batch's own transaction: an operator can see them, and a replay skips them again (nothing
 * leaves the database, so a replay never has side effects).
 */
public final class Skips {

    private static final Logger log = LoggerFactory.getLogger(Skips.class);

    /** One skipped record. */
    public record Skip(String topic, int partition, long offset, String reason) {
    }

    private final List<Skip> skips = new ArrayList<>();

    public void add(ConsumerRecord<?, ?> record, String reason) {
        log.warn("skipping record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        skips.add(new Skip(record.topic(), record.partition(), record.offset(), reason));
    }

    public List<Skip> all() {
        return List.copyOf(skips);
    }
}
