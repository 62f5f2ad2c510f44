package dev.pidgr.bench.fanout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The size of the records a run measured (average key and value bytes, and one record's headers), so
 * a baseline can write records of the same size.
 *
 * @param keyBytes    average serialized key size
 * @param valueBytes  average serialized value size
 * @param headerNames the headers' names, in order
 * @param headerSizes each header's value size
 */
public record RecordShape(int keyBytes, int valueBytes, List<String> headerNames, List<Integer> headerSizes) {

    public RecordShape {
        headerNames = List.copyOf(headerNames);
        headerSizes = List.copyOf(headerSizes);
    }

    /** The names and value sizes of a record's headers. */
    public static RecordShape of(int keyBytes, int valueBytes, Headers headers) {
        List<String> names = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (Header header : headers) {
            names.add(header.key());
            sizes.add(header.value() == null ? 0 : header.value().length);
        }
        return new RecordShape(keyBytes, valueBytes, names, sizes);
    }

    /** Bytes of the headers' names and values. */
    public int headerBytes() {
        int bytes = 0;
        for (int i = 0; i < headerNames.size(); i++) {
            bytes += headerNames.get(i).getBytes(StandardCharsets.UTF_8).length + headerSizes.get(i);
        }
        return bytes;
    }

    /** Key, value and headers. */
    public int totalBytes() {
        return keyBytes + valueBytes + headerBytes();
    }

    /** Headers with the same names and value sizes (filled with 'h'). */
    public Headers sameSizeHeaders() {
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < headerNames.size(); i++) {
            byte[] value = new byte[headerSizes.get(i)];
            java.util.Arrays.fill(value, (byte) 'h');
            headers.add(new RecordHeader(headerNames.get(i), value));
        }
        return headers;
    }
}
