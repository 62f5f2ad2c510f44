package dev.pidgr.gateway.kafka;

import dev.pidgr.contract.EventHeaders;
import dev.pidgr.contract.Topics;
import dev.pidgr.events.v1.DeliveryReceipt;
import dev.pidgr.events.v1.DeviceCommand;
import dev.pidgr.gateway.send.Finished;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The records the gateway writes, each keyed by its aggregate id, with the usual event headers. */
final class Outputs {

    /** Why a record was parked, as on every dead-letter topic (docs/operations.md). */
    static final String ERROR_HEADER = "pidgr-error";
    /** Where it came from: topic/partition@offset. */
    static final String ERROR_SOURCE_HEADER = "pidgr-error-source";

    private final Topics topics;

    Outputs(Topics topics) {
        this.topics = topics;
    }

    /** A finished push's receipts (keyed by campaign id) and DeactivateDevice commands (keyed by user id). */
    List<ProducerRecord<String, byte[]>> of(Finished finished) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (DeliveryReceipt receipt : finished.receipts()) {
            records.add(new ProducerRecord<>(topics.deliveryReceipts().name(), null, receipt.getCampaignId(),
                    receipt.toByteArray(), EventHeaders.of(receipt, receipt.getReceiptId())));
        }
        for (DeviceCommand command : finished.deviceCommands()) {
            records.add(new ProducerRecord<>(topics.deviceCommands().name(), null, command.getUserId(),
                    command.toByteArray(), EventHeaders.of(command, command.getMetadata().getCommandId())));
        }
        return records;
    }

    /** An unreadable push request, parked with its key, bytes and headers, and why. */
    ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> record, String error) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(ERROR_HEADER, error.getBytes(StandardCharsets.UTF_8));
        headers.add(ERROR_SOURCE_HEADER, (record.topic() + "/" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topics.deadLetter(topics.notificationsPush()), null, record.key(),
                record.value(), headers);
    }
}
