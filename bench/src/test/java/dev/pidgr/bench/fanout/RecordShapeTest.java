package dev.pidgr.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RecordShapeTest {

    private static Headers contractHeaders() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("pidgr-event-type", "NotificationSent".getBytes(StandardCharsets.UTF_8));
        headers.add("pidgr-event-id", "0b6a5f0e-8a07-4d1e-9d5e-2f4f4a0c1e11".getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    @Test
    void shouldCountKeyValueAndHeaderBytes() {
        RecordShape shape = RecordShape.of(36, 640, contractHeaders());

        assertThat(shape.headerBytes()).isEqualTo("pidgr-event-type".length() + 16 + "pidgr-event-id".length() + 36);
        assertThat(shape.totalBytes()).isEqualTo(36 + 640 + shape.headerBytes());
    }

    @Test
    void shouldMakeHeadersOfTheSameNamesAndSizes() {
        RecordShape shape = RecordShape.of(36, 640, contractHeaders());

        List<Header> copies = List.of(shape.sameSizeHeaders().toArray());

        assertThat(copies).extracting(h -> h.key() + ":" + h.value().length)
                .containsExactly("pidgr-event-type:16", "pidgr-event-id:36");
        assertThat(RecordShape.of(36, 640, shape.sameSizeHeaders())).isEqualTo(shape);
    }
}
