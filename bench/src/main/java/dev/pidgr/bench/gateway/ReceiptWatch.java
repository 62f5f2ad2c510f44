package dev.pidgr.bench.gateway;

import dev.pidgr.bench.kafka.Clients;
import dev.pidgr.events.v1.DeliveryReceipt;
import dev.pidgr.events.v1.ReceiptOutcome;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads {@code pidgr.delivery.receipts} as any {@code read_committed} reader sees it, from the end it had when it was
 * made: the gateway commits a receipt with its consumed offset only after the provider accepted the message, so
 * the last ACCEPTED receipt of a campaign's deliveries is when the gateway had handed over all of them.
 */
final class ReceiptWatch implements AutoCloseable {

    /**
     * What the watch saw of one campaign.
     *
     * @param doneNanos when the last delivery's ACCEPTED receipt became visible ({@link System#nanoTime()})
     * @param accepted  deliveries with an ACCEPTED receipt
     * @param other     receipts with another outcome (retrying, failed, no device)
     */
    record Seen(long doneNanos, int accepted, long other) {
    }

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;

    ReceiptWatch(String bootstrapServers, String topic) {
        this.consumer = Clients.committedReader(bootstrapServers, "bench-receipt-watch");
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before the campaign starts
    }

    /** Reads until {@code n} deliveries of {@code campaignId} have an ACCEPTED receipt, or fails after timeout. */
    Seen await(String campaignId, int n, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> accepted = new HashSet<>();
        long other = 0;
        while (accepted.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(accepted.size() + " of " + n + " deliveries had an ACCEPTED receipt"
                        + " within " + timeout);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                DeliveryReceipt receipt = DeliveryReceipt.parseFrom(record.value());
                if (!receipt.getCampaignId().equals(campaignId)) {
                    continue;
                }
                if (receipt.getOutcome() == ReceiptOutcome.RECEIPT_OUTCOME_ACCEPTED) {
                    accepted.add(receipt.getDeliveryId());
                } else {
                    other++;
                }
            }
        }
        return new Seen(System.nanoTime(), accepted.size(), other);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
