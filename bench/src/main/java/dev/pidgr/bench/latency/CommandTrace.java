package dev.pidgr.bench.latency;

import dev.pidgr.bench.kafka.Clients;
import dev.pidgr.contract.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.HdrHistogram.Histogram;

/**
 * Where a command's time goes, seen from the broker: for each CreateCampaign, when the api wrote the
 * command (its record's timestamp, set by the api's producer), and when the command side's result
 * became visible to a read_committed consumer (its transaction committed). With the client's own
 * start and end this splits each call into the api's edge, the command side, and the way back.
 */
public final class CommandTrace implements AutoCloseable {

    /** A call as the client saw it, in epoch milliseconds. */
    public record Call(String campaignId, long startMillis, long endMillis) {
    }

    /**
     * Milliseconds per segment, over the calls found on both topics.
     *
     * @param toCommand    client start to the command record's timestamp (auth, validation, produce)
     * @param commandSide  command record to its result being visible (poll, decide, transaction commit)
     * @param back         result visible to the client having the answer (the api's results listener, the reply)
     */
    public record Breakdown(long calls, Percentiles toCommand, Percentiles commandSide, Percentiles back) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String commandsTopic;
    private final Map<String, String> commandByCampaign = new ConcurrentHashMap<>();
    private final Map<String, Long> writtenByCommand = new ConcurrentHashMap<>();
    private final Map<String, Long> resultSeenByCommand = new ConcurrentHashMap<>();
    private final Thread thread;

    public CommandTrace(String bootstrapServers, String commandsTopic, String resultsTopic) {
        this.consumer = Clients.committedReader(bootstrapServers, "bench-command-trace");
        this.commandsTopic = commandsTopic;
        List<TopicPartition> partitions = Stream.of(commandsTopic, resultsTopic)
                .flatMap(t -> consumer.partitionsFor(t).stream().map(p -> new TopicPartition(t, p.partition())))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.thread = Thread.ofPlatform().name("bench-command-trace").daemon().start(this::run);
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    accept(record, System.currentTimeMillis());
                }
            }
        } catch (WakeupException e) {
            // closed
        } finally {
            consumer.close();
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record, long now) {
        String commandId = EventHeaders.read(record.headers(), EventHeaders.COMMAND_ID);
        if (commandId == null || record.key() == null) {
            return;
        }
        if (record.topic().equals(commandsTopic)) {
            commandByCampaign.put(new String(record.key(), StandardCharsets.UTF_8), commandId);
            writtenByCommand.put(commandId, record.timestamp());
        } else {
            resultSeenByCommand.putIfAbsent(commandId, now);
        }
    }

    /** Splits the calls it can find on both topics. */
    public Breakdown breakdown(List<Call> calls) {
        Histogram toCommand = Percentiles.newHistogram();
        Histogram commandSide = Percentiles.newHistogram();
        Histogram back = Percentiles.newHistogram();
        long found = 0;
        for (Call call : calls) {
            String commandId = commandByCampaign.get(call.campaignId());
            Long written = commandId == null ? null : writtenByCommand.get(commandId);
            Long seen = commandId == null ? null : resultSeenByCommand.get(commandId);
            if (written == null || seen == null) {
                continue;
            }
            found++;
            toCommand.recordValue(micros(written - call.startMillis()));
            commandSide.recordValue(micros(seen - written));
            back.recordValue(micros(call.endMillis() - seen));
        }
        return new Breakdown(
                found, Percentiles.of(toCommand, 0), Percentiles.of(commandSide, 0), Percentiles.of(back, 0));
    }

    /** Milliseconds to the histograms' microseconds; clocks read in different places can be a millisecond apart. */
    private static long micros(long millis) {
        return Math.max(1, millis * 1_000);
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(10_000);
    }
}
