package dev.pidgr.app.ops;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record of {@code pidgr events tail} as one JSON object: partition, offset, timestamp, key, type and
 * value. Written with Jackson's generator, because keys (user ids, dead-letter keys), event-type headers
 * and parse errors are arbitrary text: quotes, backslashes and control characters must be escaped for
 * every line to be JSON. A missing key or type is {@code null}.
 */
final class RecordJson {

    private static final JsonFactory JSON = new JsonFactory();

    private interface ValueWriter {
        void write(JsonGenerator json) throws IOException;
    }

    private RecordJson() {
    }

    /** A record whose value parsed: {@code valueJson} (the protobuf JSON printer's output) is the value. */
    static String readable(ConsumerRecord<String, byte[]> record, String type, String valueJson) {
        return line(record, type, json -> json.writeRawValue(valueJson));
    }

    /** A record whose value did not parse: the value is the string {@code "<unreadable: reason>"}. */
    static String unreadable(ConsumerRecord<String, byte[]> record, String type, String reason) {
        return line(record, type, json -> json.writeString("<unreadable: " + reason + ">"));
    }

    private static String line(ConsumerRecord<String, byte[]> record, String type, ValueWriter value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("partition", record.partition());
            json.writeNumberField("offset", record.offset());
            json.writeStringField("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
            json.writeStringField("key", record.key());
            json.writeStringField("type", type);
            json.writeFieldName("value");
            value.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }
}
