package dev.pidgr.app.ops;

import com.zaxxer.hikari.HikariDataSource;
import dev.pidgr.app.dev.DevJson;
import dev.pidgr.app.run.KafkaSecurityOptions;
import dev.pidgr.contract.Topics;
import dev.pidgr.query.QueryDataSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where operator commands (replay, lag) find Kafka and the query role's PostgreSQL: flags, their
 * PIDGR_* variables, or else the dev server of --data-dir. A secured Kafka takes the same security
 * options (and variables) as {@code serve}.
 */
public final class OperatorOptions {

    @Option(
            names = "--kafka",
            defaultValue = "${env:PIDGR_KAFKA_BOOTSTRAP_SERVERS}",
            description = "Kafka bootstrap servers (PIDGR_KAFKA_BOOTSTRAP_SERVERS).")
    String kafka;

    @Option(
            names = "--namespace",
            defaultValue = "${env:PIDGR_NAMESPACE}",
            description = "Topic namespace of the deployment (PIDGR_NAMESPACE).")
    String namespace;

    @Option(
            names = "--jdbc-url",
            defaultValue = "${env:PIDGR_JDBC_URL}",
            description = "PostgreSQL JDBC URL of the query role (PIDGR_JDBC_URL).")
    String jdbcUrl;

    @Option(
            names = "--jdbc-user",
            defaultValue = "${env:PIDGR_JDBC_USER:-pidgr}",
            description = "PostgreSQL user (PIDGR_JDBC_USER; default ${DEFAULT-VALUE}).")
    String jdbcUser;

    @Option(
            names = "--jdbc-password",
            defaultValue = "${env:PIDGR_JDBC_PASSWORD:-}",
            description = "PostgreSQL password (PIDGR_JDBC_PASSWORD).")
    String jdbcPassword;

    @Option(
            names = "--jdbc-password-file",
            defaultValue = "${env:PIDGR_JDBC_PASSWORD_FILE}",
            description = "File with the PostgreSQL password (PIDGR_JDBC_PASSWORD_FILE).")
    Path jdbcPasswordFile;

    @Option(
            names = "--data-dir",
            defaultValue = ".pidgr",
            description = "A dev server's data folder, used when --kafka or --jdbc-url is missing (default:"
                    + " ${DEFAULT-VALUE}).")
    Path dataDir;

    @Mixin
    KafkaSecurityOptions kafkaSecurity;

    private DevJson dev;

    Topics topics() throws IOException {
        return Topics.withNamespace(namespace != null ? namespace : kafka == null ? devServer().namespace() : "");
    }

    Properties kafkaConfig() throws IOException {
        Properties config = new Properties();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka != null ? kafka : devServer().kafka());
        config.putAll(kafkaSecurity.security().clientProperties());
        return config;
    }

    HikariDataSource pool(String name) throws IOException {
        if (jdbcUrl == null) {
            DevJson server = devServer();
            return QueryDataSources.pool(server.jdbcUrl(), server.jdbcUser(), server.jdbcPassword(), 6, name);
        }
        String password = jdbcPasswordFile == null
                ? jdbcPassword
                : Files.readString(jdbcPasswordFile, StandardCharsets.UTF_8).strip();
        return QueryDataSources.pool(jdbcUrl, jdbcUser, password, 6, name);
    }

    private DevJson devServer() throws IOException {
        if (dev == null) {
            if (!Files.exists(dataDir.resolve("dev.json"))) {
                throw new IllegalArgumentException(
                        "give --kafka and --jdbc-url (or PIDGR_KAFKA_BOOTSTRAP_SERVERS and PIDGR_JDBC_URL), "
                                + "or --data-dir of a running dev server");
            }
            dev = DevJson.read(dataDir);
        }
        return dev;
    }
}
