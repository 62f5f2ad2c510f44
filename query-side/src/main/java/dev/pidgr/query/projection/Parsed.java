package dev.pidgr.query.projection;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** An event parsed from its record; unreadable records are skipped, never retried forever. */
public record Parsed<T>(ConsumerRecord<byte[], byte[]> record, T event) {

    public static <T> List<Parsed<T>> all(List<ConsumerRecord<byte[], byte[]>> records, Parser<T> parser, Skips skips) {
        List<Parsed<T>> parsed = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.value() == null) {
                skips.add(record, "empty record value");
                continue;
            }
            try {
                parsed.add(new Parsed<>(record, parser.parseFrom(record.value())));
            } catch (InvalidProtocolBufferException e) {
                skips.add(record, "unreadable protobuf: " + e.getMessage());
            }
        }
        return parsed;
    }
}
