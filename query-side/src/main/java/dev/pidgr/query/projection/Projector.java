package dev.pidgr.query.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one projection into one schema: a plain KafkaConsumer (assigned every partition, no group,
 * no Kafka commits) whose positions live in projection_offsets. Each poll is one database
 * transaction: offsets compare-and-set, rows, skipped records, a NOTIFY. Not thread-safe: one
 * thread drives it (see {@link ProjectorLoop}); {@link #positions()} may be read from anywhere.
 */
public final class Projector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Projector.class);

    private final DataSource dataSource;
    private final Projection projection;
    private final OffsetStore offsets;
    private final BatchTransaction transaction;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();
    private final AtomicLong recordsApplied = new AtomicLong();

    /** {@code notifyChannel}: where to NOTIFY after each batch, or null for none. */
    public Projector(DataSource dataSource, String schema, Projection projection, Properties consumerConfig,
                     String notifyChannel) {
        this.dataSource = dataSource;
        this.projection = projection;
        this.offsets = new OffsetStore(schema);
        this.transaction = new BatchTransaction(dataSource, projection, offsets, notifyChannel);
        this.consumer = new KafkaConsumer<>(consumerConfig);
    }

    public String name() {
        return projection.name();
    }

    /** Assigns the topic's partitions (new ones too, when called again) and seeks to the stored offsets. */
    public void assign() throws SQLException {
        List<Integer> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(projection.topic(), Duration.ofSeconds(30))) {
            partitions.add(info.partition());
        }
        if (partitions.size() == committed.size()) {
            return;
        }
        Map<Integer, Long> stored;
        try (Connection c = dataSource.getConnection()) {
            stored = offsets.ensure(c, projection.name(), projection.topic(), partitions);
        }
        committed.clear();
        List<TopicPartition> assignment = new ArrayList<>();
        for (int p : partitions) {
            TopicPartition tp = new TopicPartition(projection.topic(), p);
            assignment.add(tp);
            committed.put(tp, stored.getOrDefault(p, 0L));
        }
        consumer.assign(assignment);
        rewind();
        log.info("projection {} reading {} from {}", projection.name(), projection.topic(), committed);
    }

    /** Seeks back to the stored offsets (after a failed transaction). */
    public void rewind() {
        committed.forEach(consumer::seek);
    }

    /** Reloads the stored offsets (after another writer moved them) and seeks there. */
    public void resync() throws SQLException {
        committed.clear();
        assign();
    }

    /** Whether the topic had partitions when last assigned (it may not exist yet). */
    public boolean hasPartitions() {
        return !committed.isEmpty();
    }

    /** Polls once and applies what came in one transaction. Returns the number of records applied. */
    public int step(Duration pollTimeout) throws SQLException {
        if (committed.isEmpty()) {
            sleep(pollTimeout);
            return 0;
        }
        ConsumerRecords<byte[], byte[]> polled = consumer.poll(pollTimeout);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(polled.count());
        polled.forEach(records::add);
        List<OffsetStore.Move> moves = moves(records);
        if (moves.isEmpty()) {
            return 0;
        }
        try {
            commit(records, moves, new Skips());
        } catch (SQLException | RuntimeException e) {
            if (!BatchTransaction.deterministic(e)) {
                throw e;
            }
            log.warn(
                    "projection {}: batch failed ({}); applying its records one by one",
                    projection.name(),
                    e.getMessage());
            applySingly(records);
            commit(List.of(), moves(List.of()), new Skips());
        }
        recordsApplied.addAndGet(records.size());
        return records.size();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where each partition's position moved since the last commit. */
    private List<OffsetStore.Move> moves(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<Integer, Instant> lastAt = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            lastAt.put(r.partition(), Instant.ofEpochMilli(r.timestamp()));
        }
        List<OffsetStore.Move> moves = new ArrayList<>();
        committed.forEach((tp, stored) -> {
            long position = consumer.position(tp);
            if (position != stored) {
                moves.add(new OffsetStore.Move(tp.partition(), stored, position, lastAt.get(tp.partition())));
            }
        });
        return moves;
    }

    private void commit(List<ConsumerRecord<byte[], byte[]>> records, List<OffsetStore.Move> moves, Skips skips)
            throws SQLException {
        transaction.run(records, moves, skips);
        for (OffsetStore.Move m : moves) {
            committed.put(new TopicPartition(projection.topic(), m.partition()), m.next());
        }
    }

    /** A batch that failed on its data is retried record by record; a record that fails alone is skipped. */
    private void applySingly(List<ConsumerRecord<byte[], byte[]>> records) throws SQLException {
        for (ConsumerRecord<byte[], byte[]> r : records) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            List<OffsetStore.Move> move = List.of(new OffsetStore.Move(r.partition(), committed.get(tp), r.offset() + 1,
                    Instant.ofEpochMilli(r.timestamp())));
            try {
                commit(List.of(r), move, new Skips());
            } catch (SQLException | RuntimeException e) {
                if (!BatchTransaction.deterministic(e)) {
                    throw e;
                }
                Skips skips = new Skips();
                skips.add(r, "cannot be applied: " + e);
                commit(List.of(), move, skips);
            }
        }
    }

    /** The stored next offset of every partition (safe from any thread). */
    public Map<TopicPartition, Long> positions() {
        return Map.copyOf(committed);
    }

    /** Records applied by this projector since it was made (for progress). */
    public long recordsApplied() {
        return recordsApplied.get();
    }

    /** Whether every partition of {@code target}'s topic is stored at or past its target offset. */
    public boolean reached(Map<TopicPartition, Long> target) {
        for (Map.Entry<TopicPartition, Long> t : target.entrySet()) {
            if (t.getKey().topic().equals(projection.topic())
                    && committed.getOrDefault(t.getKey(), 0L) < t.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
