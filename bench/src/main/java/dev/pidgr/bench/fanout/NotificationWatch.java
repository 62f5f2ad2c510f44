package dev.pidgr.bench.fanout;

import dev.pidgr.bench.client.Campaigns;
import dev.pidgr.bench.kafka.Clients;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.PushRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Watches {@code pidgr.delivery.events} with a {@code read_committed} consumer, as any reader sees it,
 * and counts the NotificationSent events of the run's campaigns: when the first and the last became
 * visible, whether any recipient got two, and how large the records are. It also counts the push
 * requests of those campaigns on {@code pidgr.notifications.push}, the fan-out's other output.
 */
public final class NotificationWatch implements AutoCloseable {

    /** Message samples kept for the COPY baseline's rows. */
    private static final int SAMPLES = 1_000;
    /** Push requests are committed with their notifications but may be fetched a little later. */
    private static final long PUSH_GRACE_NANOS = 5_000_000_000L;

    /**
     * What the watch saw.
     *
     * @param count       NotificationSent events of the run's campaigns
     * @param duplicates  of those, a second one for the same recipient
     * @param firstNanos  when the first became visible ({@link System#nanoTime()})
     * @param lastNanos   when the last expected one became visible
     * @param shape       the records' sizes
     * @param messages    rendered messages (serialized pidgr.v1.Message) of the first recipients
     * @param pushes      push requests of the run's campaigns seen by then
     * @param pushBytes   their key, value and header bytes
     */
    public record Seen(
            long count,
            long duplicates,
            long firstNanos,
            long lastNanos,
            RecordShape shape,
            List<byte[]> messages,
            long pushes,
            long pushBytes) {}

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Set<String> campaignIds;
    private final int expected;
    private final BitSet served;
    private final List<byte[]> messages = new ArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread thread;
    private volatile Seen seen;
    private volatile RuntimeException failure;
    private long count;
    private long duplicates;
    private long firstNanos;
    private long lastNanos;
    private long keyBytes;
    private long valueBytes;
    private RecordShape firstShape;
    private final String pushTopic;
    private long pushes;
    private long pushBytes;

    /** Positions at the end of every partition now, so only events after this moment count. */
    public NotificationWatch(
            String bootstrapServers, String topic, String pushTopic, Set<String> campaignIds, int expected) {
        this.consumer = Clients.committedReader(bootstrapServers, "bench-notification-watch");
        this.campaignIds = Set.copyOf(campaignIds);
        this.expected = expected;
        this.served = new BitSet(expected);
        this.pushTopic = pushTopic;
        List<TopicPartition> partitions = java.util.stream.Stream.of(topic, pushTopic)
                .flatMap(t -> consumer.partitionsFor(t).stream().map(p -> new TopicPartition(t, p.partition())))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before the campaign starts
        this.thread = Thread.ofPlatform().name("bench-notification-watch").daemon().start(this::run);
    }

    private void run() {
        try {
            while (count < expected || (pushes < expected && System.nanoTime() - lastNanos < PUSH_GRACE_NANOS)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    accept(record, System.nanoTime());
                }
            }
            seen = new Seen(
                    count, duplicates, firstNanos, lastNanos, shape(), List.copyOf(messages), pushes, pushBytes);
        } catch (WakeupException e) {
            // closed before the end
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close();
            done.countDown();
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record, long now) {
        if (record.topic().equals(pushTopic)) {
            acceptPush(record);
            return;
        }
        if (record.key() == null || !campaignIds.contains(new String(record.key(), StandardCharsets.UTF_8))
                || !"NotificationSent".equals(EventHeaders.read(record.headers(), EventHeaders.EVENT_TYPE))) {
            return;
        }
        DeliveryEvent event;
        try {
            event = DeliveryEvent.parseFrom(record.value());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("an unreadable NotificationSent at offset " + record.offset(), e);
        }
        int index = Campaigns.userIndex(event.getUserId());
        if (index >= 0 && served.get(index)) {
            duplicates++;
        } else if (index >= 0) {
            served.set(index);
        }
        if (count++ == 0) {
            firstNanos = now;
            firstShape = RecordShape.of(0, 0, record.headers());
        }
        if (count == expected) {
            lastNanos = now;
        }
        keyBytes += record.serializedKeySize();
        valueBytes += record.serializedValueSize();
        if (messages.size() < SAMPLES) {
            messages.add(event.getNotificationSent().getMessage().toByteArray());
        }
    }

    private void acceptPush(ConsumerRecord<byte[], byte[]> record) {
        try {
            if (campaignIds.contains(PushRequest.parseFrom(record.value()).getCampaignId())) {
                pushes++;
                pushBytes += Math.max(0, record.serializedKeySize()) + record.serializedValueSize()
                        + RecordShape.of(0, 0, record.headers()).headerBytes();
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("an unreadable push request at offset " + record.offset(), e);
        }
    }

    private RecordShape shape() {
        return new RecordShape((int) (keyBytes / count), (int) (valueBytes / count), firstShape.headerNames(),
                firstShape.headerSizes());
    }

    /** Waits until every expected notification was seen. */
    public Seen await(Duration timeout) throws InterruptedException {
        if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("saw " + count + " of " + expected + " notifications within " + timeout);
        }
        if (failure != null) {
            throw failure;
        }
        return seen;
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            consumer.wakeup();
        }
        thread.join(10_000);
    }
}
