package dev.pidgr.app.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The committed recording, {@code src/test/resources/upgrade/recorded-stream.jsonl.gz}: one JSON
 * object per line ({@code step}, {@code input}, {@code topic}, {@code key}, {@code headers} as
 * {@code [[name, value], ...]}, {@code value} in base64; or {@code step} and {@code clockMillis}).
 * Gzipped because one campaign's audience is large enough (1 MB) to need a second audience event.
 */
final class RecordedStream {

    static final Path FILE = Path.of("src", "test", "resources", "upgrade", "recorded-stream.jsonl.gz");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordedStream() {
    }

    static List<StreamRecord> read() throws IOException {
        List<StreamRecord> records = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(FILE)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                records.add(parse(JSON.readTree(line)));
            }
        }
        return records;
    }

    static void write(List<StreamRecord> records) throws IOException {
        Files.createDirectories(FILE.getParent());
        try (Writer out = new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(FILE)), StandardCharsets.UTF_8)) {
            for (StreamRecord record : records) {
                out.write(JSON.writeValueAsString(json(record)));
                out.write('\n');
            }
        }
    }

    private static StreamRecord parse(JsonNode node) {
        int step = node.get("step").asInt();
        if (node.has("clockMillis")) {
            return StreamRecord.clock(step, node.get("clockMillis").asLong());
        }
        List<StreamRecord.Header> headers = new ArrayList<>();
        for (JsonNode header : node.get("headers")) {
            headers.add(new StreamRecord.Header(header.get(0).asText(),
                    header.get(1).isNull() ? null : header.get(1).asText()));
        }
        return StreamRecord.record(step, node.get("input").asBoolean(), node.get("topic").asText(),
                node.get("key").isNull() ? null : node.get("key").asText(), headers,
                Base64.getDecoder().decode(node.get("value").asText()));
    }

    private static ObjectNode json(StreamRecord record) {
        ObjectNode node = JSON.createObjectNode().put("step", record.step());
        if (record.isClock()) {
            return node.put("clockMillis", record.clockMillis());
        }
        node.put("input", record.input()).put("topic", record.topic()).put("key", record.key());
        ArrayNode headers = node.putArray("headers");
        record.headers().forEach(h -> headers.addArray().add(h.key()).add(h.value()));
        return node.put("value", Base64.getEncoder().encodeToString(record.value()));
    }
}
