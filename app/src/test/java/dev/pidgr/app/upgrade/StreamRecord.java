package dev.pidgr.app.upgrade;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One line of the recorded stream: a record as this version wrote it (topic without the namespace,
 * key, headers, value bytes), whether the scenario wrote it ({@code input}) or a processor did, and
 * the step of the scenario it belongs to. A line with {@code clockMillis > 0} is no record: it moves
 * the workflow processor's clock before the step's inputs are written.
 */
record StreamRecord(int step, boolean input, String topic, String key, List<Header> headers, byte[] value,
                    long clockMillis) {

    /** A record header; pidgr's header values are text. */
    record Header(String key, String value) {
    }

    static StreamRecord record(int step, boolean input, String topic, String key, List<Header> headers,
                               byte[] value) {
        return new StreamRecord(step, input, topic, key, List.copyOf(headers), value, 0);
    }

    static StreamRecord clock(int step, long millis) {
        return new StreamRecord(step, true, "", "", List.of(), new byte[0], millis);
    }

    /** A header's value, or null. */
    String header(String name) {
        return headers.stream().filter(h -> h.key().equals(name)).map(Header::value).findFirst().orElse(null);
    }

    boolean isClock() {
        return clockMillis > 0;
    }

    /** Same topic, key, headers and bytes: how the recorder tells its own writes from a processor's. */
    boolean sameRecord(StreamRecord other) {
        return topic.equals(other.topic) && Objects.equals(key, other.key) && headers.equals(other.headers)
                && Arrays.equals(value, other.value);
    }

    StreamRecord withStep(int newStep, boolean newInput) {
        return new StreamRecord(newStep, newInput, topic, key, headers, value, clockMillis);
    }
}
