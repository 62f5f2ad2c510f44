package dev.pidgr.app.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
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
 * so a typo never silently drops a setting. Every problem is one line naming the file.
 */
final class RequestFiles {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestFiles() {
    }

    static <B extends Message.Builder> B read(Path file, B builder) throws IOException {
        String text = Files.readString(readable(file));
        boolean json = looksLikeJson(file, text);
        JsonNode tree;
        try {
            tree = json ? JSON.readTree(text) : YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid " + (json ? "JSON" : "YAML") + ": "
                    + e.getOriginalMessage() + at(e.getLocation()));
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException(file + ": expected an object in the API's shape ("
                    + builder.getDescriptorForType().getName() + ")");
        }
        try {
            JsonFormat.parser().merge(JSON.writeValueAsString(tree), builder);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(
                    file + ": not a " + builder.getDescriptorForType().getName() + ": " + e.getMessage(), e);
        }
        return builder;
    }

    /** The file's size; fails with one line when it cannot be read. */
    static long size(Path file) throws IOException {
        return Files.size(readable(file));
    }

    private static Path readable(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(file + ": not readable");
        }
        return file;
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static boolean looksLikeJson(Path file, String text) {
        return file.toString().endsWith(".json") || text.stripLeading().startsWith("{");
    }
}
