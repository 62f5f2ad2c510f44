package dev.pidgr.api.gateway;

import dev.pidgr.contract.Topic;
import dev.pidgr.events.v1.CommandResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of {@code pidgr.command.results} and completes the future registered for
 * each command id. It starts at the end of every partition and is {@link #ready()} only once it is
 * positioned there, so no result of a command sent afterwards can be missed. One per api instance.
 */
final class ResultListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResultListener.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration PARTITION_CHECK = Duration.ofSeconds(30);

    private final Consumer<String, byte[]> consumer;
    private final Topic<CommandResult> topic;
    private final Map<String, CompletableFuture<CommandResult>> pending = new ConcurrentHashMap<>();
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final Runnable beforeReady;
    private final Thread thread;
    private volatile boolean running = true;
    private long nextPartitionCheck;

    /**
     * {@code beforeReady} runs once positioned, before {@link #ready()} turns true; if it throws, positioning is
     * retried.
     */
    ResultListener(Consumer<String, byte[]> consumer, Topic<CommandResult> topic, Runnable beforeReady) {
        this.consumer = consumer;
        this.topic = topic;
        this.beforeReady = beforeReady;
        this.thread = Thread.ofPlatform().name("pidgr-command-results").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    boolean ready() {
        return positioned.getCount() == 0;
    }

    boolean awaitReady(Duration timeout) throws InterruptedException {
        return positioned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Registers interest in a command's result; call before the command is sent. */
    CompletableFuture<CommandResult> register(String commandId) {
        CompletableFuture<CommandResult> future = new CompletableFuture<>();
        pending.put(commandId, future);
        return future;
    }

    void forget(String commandId) {
        pending.remove(commandId);
    }

    int pendingCount() {
        return pending.size();
    }

    private void run() {
        try {
            while (running && !ready()) {
                position();
            }
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    complete(record);
                }
                maybeAssignNewPartitions();
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("command results listener woken unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("command results listener stopped; commands will time out", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void position() {
        try {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            for (TopicPartition partition : partitions) {
                consumer.position(partition); // forces the lazy seek now
            }
            nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
            beforeReady.run();
            positioned.countDown();
            LOG.info(
                    "command results listener positioned at the end of {} partitions of {}",
                    partitions.size(),
                    topic.name());
        } catch (org.apache.kafka.common.KafkaException | IllegalStateException e) {
            if (e instanceof WakeupException wakeup) {
                throw wakeup;
            }
            LOG.warn("cannot position on {} yet ({}); retrying", topic.name(), e.getMessage());
        }
    }

    private List<TopicPartition> partitions() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(5));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic.name() + " has no partitions yet");
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : infos) {
            partitions.add(new TopicPartition(info.topic(), info.partition()));
        }
        return partitions;
    }

    /** Partitions added to the topic later start empty, so they are read from their beginning. */
    private void maybeAssignNewPartitions() {
        if (System.nanoTime() < nextPartitionCheck) {
            return;
        }
        nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
        try {
            Set<TopicPartition> now = new HashSet<>(partitions());
            Set<TopicPartition> added = new HashSet<>(now);
            added.removeAll(consumer.assignment());
            if (!added.isEmpty()) {
                consumer.assign(now);
                consumer.seekToBeginning(added);
                LOG.info("command results listener now also reads {}", added);
            }
        } catch (RuntimeException e) {
            LOG.debug("partition check of {} failed: {}", topic.name(), e.getMessage());
        }
    }

    private void complete(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        CompletableFuture<CommandResult> future = pending.remove(record.key());
        if (future == null) {
            return; // another instance's command, or one whose caller gave up
        }
        try {
            future.complete(topic.valueSerde().parse(record.value()));
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread.getState() == Thread.State.NEW) {
            consumer.close(Duration.ZERO);
            return;
        }
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
