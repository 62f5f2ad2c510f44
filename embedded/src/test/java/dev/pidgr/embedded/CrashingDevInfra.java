package dev.pidgr.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Run in a child JVM by {@link CrashRecoveryTest}: starts the dev infrastructure on a folder,
 * writes one Kafka record and one row (both acknowledged), prints READY and the PostgreSQL port,
 * then waits to be killed.
 */
public final class CrashingDevInfra {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String value = args[1];
        DevInfra infra = DevInfra.start(dir, 0, 0);
        String bootstrap = infra.kafka().bootstrapServers();
        if (!KafkaClients.topics(bootstrap).contains("crash")) {
            KafkaClients.createTopic(bootstrap, "crash", 1, Map.of());
        }
        try (KafkaProducer<String, String> producer = KafkaClients.producer(bootstrap, null)) {
            producer.send(new ProducerRecord<>("crash", "k", value)).get();
        }
        infra.postgres().createDatabase("crash");
        try (Connection c = infra.postgres().dataSource("crash").getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS written (v text)");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO written VALUES (?)")) {
                insert.setString(1, value);
                insert.executeUpdate();
            }
        }
        System.out.println("READY " + infra.postgres().port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
