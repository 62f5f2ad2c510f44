package dev.pidgr.app.run;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options that reach a secured Kafka ({@link KafkaSecurity}), shared by {@code serve} and the
 * operator commands ({@code replay}, {@code lag}, {@code events tail}) so that every command that
 * talks to the cluster logs in the same way, from the same PIDGR_* variables.
 */
public final class KafkaSecurityOptions {

    @Option(
            names = "--kafka-security-protocol",
            defaultValue = "${env:PIDGR_KAFKA_SECURITY_PROTOCOL:-PLAINTEXT}",
            description = "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL, for every Kafka client"
                    + " (PIDGR_KAFKA_SECURITY_PROTOCOL; default ${DEFAULT-VALUE}).")
    String protocol;

    @Option(
            names = "--kafka-sasl-mechanism",
            defaultValue = "${env:PIDGR_KAFKA_SASL_MECHANISM}",
            description = "PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER, with a SASL protocol"
                    + " (PIDGR_KAFKA_SASL_MECHANISM).")
    String saslMechanism;

    @Option(
            names = "--kafka-sasl-jaas-config-file",
            defaultValue = "${env:PIDGR_KAFKA_SASL_JAAS_CONFIG_FILE}",
            description = "File with the sasl.jaas.config login line, with a SASL protocol"
                    + " (PIDGR_KAFKA_SASL_JAAS_CONFIG_FILE).")
    Path saslJaasConfigFile;

    @Option(
            names = "--kafka-truststore",
            defaultValue = "${env:PIDGR_KAFKA_TRUSTSTORE}",
            description =
                    "Trust store with the brokers' certificate authority (.p12, .jks or .pem), with SSL or SASL_SSL;"
                            + " default: the JVM's authorities (PIDGR_KAFKA_TRUSTSTORE).")
    Path truststore;

    @Option(
            names = "--kafka-truststore-password-file",
            defaultValue = "${env:PIDGR_KAFKA_TRUSTSTORE_PASSWORD_FILE}",
            description = "File with the trust store's password (PIDGR_KAFKA_TRUSTSTORE_PASSWORD_FILE).")
    Path truststorePasswordFile;

    /** The checked combination, files read; IllegalArgumentException naming the option at fault. */
    public KafkaSecurity security() throws IOException {
        return KafkaSecurity.of(protocol, saslMechanism, saslJaasConfigFile, truststore, truststorePasswordFile);
    }
}
