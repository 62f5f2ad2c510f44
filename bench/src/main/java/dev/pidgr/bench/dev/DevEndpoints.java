package dev.pidgr.bench.dev;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** What a running {@code pidgr dev} wrote to {@code <data-dir>/dev.json}: where its parts can be reached. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DevEndpoints(String grpc, String kafka, String jdbcUrl, String jdbcUser, String jdbcPassword,
                           String metrics, String namespace, long pid) {

    static DevEndpoints read(Path devJson) throws IOException {
        return new ObjectMapper().readValue(devJson.toFile(), DevEndpoints.class);
    }
}
