package dev.pidgr.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaPropertiesTest {

    @Test
    void shouldGiveEachRoleTheSettingsItsClientsKnow() {
        KafkaProperties properties = KafkaProperties.parse(List.of("workflow:transaction.timeout.ms=10000",
                "command:num.stream.threads=2", "workflow:producer.linger.ms=20", "query:max.poll.records = 2000",
                "all:security.protocol=SASL_SSL"));

        assertThat(properties.of(Role.WORKFLOW)).containsOnly(java.util.Map.entry("transaction.timeout.ms", "10000"),
                java.util.Map.entry("producer.linger.ms", "20"), java.util.Map.entry("security.protocol", "SASL_SSL"));
        assertThat(properties.of(Role.COMMAND))
                .containsEntry("num.stream.threads", "2")
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(properties.of(Role.QUERY))
                .containsEntry("max.poll.records", "2000")
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(properties.of(Role.API)).containsOnlyKeys("security.protocol");
    }

    @Test
    void shouldApplyAnEntryForAllRolesOnlyWhereItsClientsKnowTheKey() {
        KafkaProperties properties = KafkaProperties.parse(List.of("all:num.stream.threads=2"));

        assertThat(properties.of(Role.COMMAND)).containsEntry("num.stream.threads", "2");
        assertThat(properties.of(Role.API)).isEmpty();
        assertThat(properties.of(Role.QUERY)).isEmpty();
    }

    @Test
    void shouldRefuseATypoAtStartNamingTheClosestSetting() {
        assertThatThrownBy(() -> KafkaProperties.parse(List.of("workflow:transaction.timout.ms=10000")))
                .hasMessage(
                        "--kafka-property \"workflow:transaction.timout.ms=10000\": the workflow role's Kafka clients"
                                + " have no setting transaction.timout.ms (did you mean transaction.timeout.ms?)");
    }

    @Test
    void shouldRefuseAStreamsSettingForARoleWithoutKafkaStreams() {
        assertThatThrownBy(() -> KafkaProperties.parse(List.of("query:num.stream.threads=2")))
                .hasMessageStartingWith(
                        "--kafka-property \"query:num.stream.threads=2\": the query role's Kafka clients have no"
                                + " setting");
    }

    @Test
    void shouldRefuseTheSettingsTheGuaranteesRestOn() {
        for (String entry : List.of(
                "workflow:processing.guarantee=at_least_once",
                "api:acks=1",
                "command:producer.acks=1",
                "query:isolation.level=read_uncommitted",
                "all:bootstrap.servers=elsewhere:9092")) {
            assertThatThrownBy(() -> KafkaProperties.parse(List.of(entry)))
                    .as(entry)
                    .hasMessageContaining("is set by pidgr");
        }
    }

    @Test
    void shouldRefuseAnEntryWithoutRoleKeyAndValue() {
        for (String entry : List.of("transaction.timeout.ms=10000", "workflow:=1", "workflow:linger.ms")) {
            assertThatThrownBy(() -> KafkaProperties.parse(List.of(entry)))
                    .as(entry)
                    .hasMessageContaining("write role:key=value");
        }
        assertThatThrownBy(() -> KafkaProperties.parse(List.of("worker:linger.ms=5")))
                .hasMessageContaining("unknown role \"worker\"");
    }
}
