package dev.pidgr.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serve shortcuts for a secured Kafka: what they become, and the combinations refused at start. */
class KafkaSecurityTest {

    @TempDir
    Path dir;

    @Test
    void shouldBecomeTheClientPropertiesOfSaslSslWithAPemTrustStore() throws Exception {
        Path jaas = Files.writeString(
                dir.resolve("jaas"),
                "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"pidgr\" password=\"s3cret\";\n");
        Path pem = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");

        KafkaSecurity security = KafkaSecurity.of("sasl_ssl", "scram-sha-512", jaas, pem, null);

        assertThat(security.clientProperties())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "security.protocol", "SASL_SSL",
                        "sasl.mechanism", "SCRAM-SHA-512",
                        "sasl.jaas.config",
                                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"pidgr\""
                                        + " password=\"s3cret\";",
                        "ssl.truststore.location", pem.toAbsolutePath().toString(),
                        "ssl.truststore.type", "PEM"));
        assertThat(security.toString()).isEqualTo("KafkaSecurity[SASL_SSL, SCRAM-SHA-512, truststore " + pem + "]");
    }

    @Test
    void shouldAddNothingForPlaintext() throws Exception {
        assertThat(KafkaSecurity.of("PLAINTEXT", null, null, null, null).clientProperties()).isEmpty();
    }

    @Test
    void shouldLetAGivenKafkaPropertyWinOverTheShortcut() {
        KafkaProperties given = KafkaProperties.parse(java.util.List.of("api:security.protocol=SSL"));

        KafkaProperties merged = given.withEveryRole(Map.of("security.protocol", "SASL_SSL"));

        assertThat(merged.of(Role.API)).containsEntry("security.protocol", "SSL");
        assertThat(merged.of(Role.WORKFLOW)).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void shouldRefuseCombinationsThatCannotWork() throws Exception {
        Path jaas = Files.writeString(dir.resolve("jaas"), "x required;");
        Path store = Files.writeString(dir.resolve("trust.p12"), "x");

        assertThatThrownBy(() -> KafkaSecurity.of("SASL_SSL", null, jaas, null, null))
                .hasMessage(
                        "SASL_SSL needs --kafka-sasl-mechanism (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER) and"
                                + " --kafka-sasl-jaas-config-file");
        assertThatThrownBy(() -> KafkaSecurity.of("SSL", "PLAIN", jaas, null, null))
                .hasMessage("--kafka-sasl-mechanism and --kafka-sasl-jaas-config-file need --kafka-security-protocol"
                        + " SASL_SSL or SASL_PLAINTEXT, not SSL");
        assertThatThrownBy(() -> KafkaSecurity.of("PLAINTEXT", null, null, store, null)).hasMessage(
                "--kafka-truststore needs --kafka-security-protocol SSL or SASL_SSL, not PLAINTEXT");
        assertThatThrownBy(() -> KafkaSecurity.of("TLS", null, null, null, null)).hasMessage(
                "--kafka-security-protocol must be one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL, not TLS");
        assertThatThrownBy(() -> KafkaSecurity.of("SASL_SSL", "KERBEROS", jaas, null, null)).hasMessageStartingWith(
                "--kafka-sasl-mechanism must be one of");
        assertThatThrownBy(() -> KafkaSecurity.of("SASL_SSL", "PLAIN", dir.resolve("missing"), null, null)).hasMessage(
                "--kafka-sasl-jaas-config-file " + dir.resolve("missing") + " cannot be read");
    }
}
