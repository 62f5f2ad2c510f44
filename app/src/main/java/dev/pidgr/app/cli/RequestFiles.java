package dev.pidgr.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a request from a YAML or JSON file in the API's shape (proto field names or their
 * lowerCamel JSON names; enums by name, e.g. STEP_TYPE_DEADLINE_CHECK). Unknown fields are errors,
 * so a typo never silently drops a setting.
 */
final class RequestFiles {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestFiles() {
    }

    static <B extends Message.Builder> B read(Path file, B builder) throws IOException {
        String text = Files.readString(file);
        JsonNode tree = looksLikeJson(file, text) ? JSON.readTree(text) : YAML.readTree(text);
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException(file + ": expected an object in the API's shape");
        }
        try {
            JsonFormat.parser().merge(JSON.writeValueAsString(tree), builder);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        return builder;
    }

    private static boolean looksLikeJson(Path file, String text) {
        return file.toString().endsWith(".json") || text.stripLeading().startsWith("{");
    }
}
