package dev.pidgr.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevInfraTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepItsDataInKafkaAndPostgresFoldersOnly() throws Exception {
        try (DevInfra infra = DevInfra.start(dir, 0, 0)) {
            KafkaClients.createTopic(infra.kafka().bootstrapServers(), "dev", 1, Map.of());
            infra.postgres().createDatabase("dev");
        }

        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("kafka", "postgres");
        assertThat(new File(dir.toFile(), "postgres/PG_VERSION")).content().isEqualToIgnoringNewLines("17");
    }

    @Test
    void shouldRefuseABusyKafkaPortNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> DevInfra.start(dir, port, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + port + " for the Kafka broker is already in use");
        }
    }

    @Test
    void shouldRefuseABusyPostgresPortNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> DevInfra.start(dir, 0, port))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + port + " for PostgreSQL is already in use");
        }
    }
}
