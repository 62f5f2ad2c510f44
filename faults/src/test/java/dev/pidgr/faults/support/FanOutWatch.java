package dev.pidgr.faults.support;

import dev.pidgr.contract.Topics;
import dev.pidgr.events.v1.DeliveryEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Follows a campaign's fan-out as a read_committed consumer sees it: how many NotificationSent
 * events of the campaign are committed so far. A test kills or pauses a process once this moves.
 */
public final class FanOutWatch implements AutoCloseable {

    private final AtomicInteger sent = new AtomicInteger();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    private final DeliveryEvent.PayloadCase counted;

    public FanOutWatch(Topics topics, String campaignId) {
        this(FaultInfra.bootstrapServers(), topics, campaignId);
    }

    /** Follows the fan-out on the cluster at {@code bootstrapServers}. */
    public FanOutWatch(String bootstrapServers, Topics topics, String campaignId) {
        this(bootstrapServers, topics, campaignId, DeliveryEvent.PayloadCase.NOTIFICATION_SENT);
    }

    /** Counts the campaign's committed delivery events of another kind (a nudge's ReminderSent, say). */
    public FanOutWatch(Topics topics, String campaignId, DeliveryEvent.PayloadCase counted) {
        this(FaultInfra.bootstrapServers(), topics, campaignId, counted);
    }

    private FanOutWatch(String bootstrapServers, Topics topics, String campaignId, DeliveryEvent.PayloadCase counted) {
        this.counted = counted;
        consumer = TopicReader.consumer(bootstrapServers, IsolationLevel.READ_COMMITTED);
        String topic = topics.deliveryEvents().name();
        List<TopicPartition> partitions = TopicReader.partitions(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = Thread.ofPlatform().daemon().name("fan-out-watch").start(() -> run(topics, campaignId));
    }

    private void run(Topics topics, String campaignId) {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    if (campaignId.equals(record.key())
                            && topics.deliveryEvents().valueSerde().parse(record.value()).getPayloadCase()
                            == counted) {
                        sent.incrementAndGet();
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** NotificationSent events of the campaign committed so far. */
    public int sent() {
        return sent.get();
    }

    /** Waits until more than {@code than} are committed; returns the count seen. */
    public int awaitMoreThan(int than, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sent.get() <= than) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the fan-out did not pass " + than + " notifications within " + timeout);
            }
            Sleep.millis(5);
        }
        return sent.get();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
