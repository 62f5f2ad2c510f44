package dev.pidgr.app.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * How every Kafka client of a process reaches a secured cluster: the security protocol, the SASL
 * mechanism and its JAAS login (read from a file, as it holds a password), and the trust store that
 * holds the brokers' certificate authority (for SSL and SASL_SSL; without one, the JVM's default
 * authorities are trusted, which is right for managed services). The {@code serve} shortcuts
 * ({@code --kafka-security-protocol}, ...) build this; anything else goes through
 * {@code --kafka-property all:key=value}.
 */
public record KafkaSecurity(
        String protocol, String saslMechanism, String jaasConfig, Path truststore, String truststorePassword) {

    public static final KafkaSecurity PLAINTEXT = new KafkaSecurity("PLAINTEXT", null, null, null, null);
    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Set<String> MECHANISMS =
            Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER", "GSSAPI");

    /**
     * Checks the combination and reads the files: SASL protocols need a mechanism and a JAAS file, a
     * trust store needs TLS; throws IllegalArgumentException naming the option at fault.
     */
    public static KafkaSecurity of(
            String protocol, String saslMechanism, Path jaasConfigFile, Path truststore, Path truststorePasswordFile)
            throws IOException {
        String chosen = protocol == null || protocol.isBlank()
                ? "PLAINTEXT"
                : protocol.strip().toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(chosen)) {
            throw new IllegalArgumentException(
                    "--kafka-security-protocol must be one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL, not "
                            + protocol);
        }
        boolean sasl = chosen.startsWith("SASL_");
        boolean tls = chosen.endsWith("SSL");
        String mechanism = saslMechanism == null || saslMechanism.isBlank()
                ? null
                : saslMechanism.strip().toUpperCase(Locale.ROOT);
        if (sasl && (mechanism == null || jaasConfigFile == null)) {
            throw new IllegalArgumentException(
                    chosen + " needs --kafka-sasl-mechanism (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER)"
                            + " and --kafka-sasl-jaas-config-file");
        }
        if (!sasl && (mechanism != null || jaasConfigFile != null)) {
            throw new IllegalArgumentException(
                    "--kafka-sasl-mechanism and --kafka-sasl-jaas-config-file need --kafka-security-protocol"
                            + " SASL_SSL or SASL_PLAINTEXT, not " + chosen);
        }
        if (mechanism != null && !MECHANISMS.contains(mechanism)) {
            throw new IllegalArgumentException(
                    "--kafka-sasl-mechanism must be one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER,"
                            + " GSSAPI, not " + saslMechanism);
        }
        if (!tls && truststore != null) {
            throw new IllegalArgumentException(
                    "--kafka-truststore needs --kafka-security-protocol SSL or SASL_SSL, not " + chosen);
        }
        if (truststore != null && !Files.isReadable(truststore)) {
            throw new IllegalArgumentException("--kafka-truststore " + truststore + " cannot be read");
        }
        String jaas = jaasConfigFile == null ? null : read(jaasConfigFile, "--kafka-sasl-jaas-config-file");
        String password = truststorePasswordFile == null
                ? null
                : read(truststorePasswordFile, "--kafka-truststore-password-file");
        return new KafkaSecurity(chosen, mechanism, jaas, truststore, password);
    }

    /** The client properties this stands for (none for PLAINTEXT). */
    public Map<String, String> clientProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (protocol.equals("PLAINTEXT")) {
            return properties;
        }
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        if (saslMechanism != null) {
            properties.put(SaslConfigs.SASL_MECHANISM, saslMechanism);
            properties.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig);
        }
        if (truststore != null) {
            properties.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore.toAbsolutePath().toString());
            String name = truststore.getFileName().toString().toLowerCase(Locale.ROOT);
            properties.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, name.endsWith(".pem") || name.endsWith(".crt") ? "PEM"
                    : name.endsWith(".jks") ? "JKS" : "PKCS12");
            if (truststorePassword != null) {
                properties.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, truststorePassword);
            }
        }
        return properties;
    }

    private static String read(Path file, String option) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(option + " " + file + " cannot be read");
        }
        String content = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (content.isEmpty()) {
            throw new IllegalArgumentException(option + " " + file + " is empty");
        }
        return content;
    }

    /** Never prints the JAAS login or the trust store's password. */
    @Override
    public String toString() {
        return "KafkaSecurity[" + protocol + (saslMechanism == null ? "" : ", " + saslMechanism)
                + (truststore == null ? "" : ", truststore " + truststore) + "]";
    }
}
