package dev.pidgr.command.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.command.testing.Audiences;
import dev.pidgr.command.testing.Commands;
import dev.pidgr.contract.Limits;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.CreateCampaign;
import dev.pidgr.events.v1.CreateTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** A 100,000-member CreateCampaign end to end through the real broker, as the gateway sends it. */
class LargeCreateOnRealKafkaTest {

    private static final String TEMPLATE = "5f0c7d8e-9a1b-4c2d-8e3f-4a5b6c7d8e9f";
    private static final String CAMPAIGN = "0b6c2a4e-1f0e-4d5c-9a51-2f3c4b5a6d7e";

    @Test
    void shouldCreateA100000MemberCampaignThroughRealKafkaWithEveryEventUnderOneMebibyte() throws Exception {
        List<AudienceMember> audience = Audiences.full();
        try (RealBroker kafka = new RealBroker()) {
            kafka.await(kafka.send(Commands.createTemplate(
                            TEMPLATE, CreateTemplate.newBuilder().setName("t").setBody("Hi"))
                    .build()));
            CampaignCommand create = Commands.create(CAMPAIGN, CreateCampaign.newBuilder().setName("Everyone")
                    .setTemplateId(TEMPLATE).addAllAudience(audience)).build();

            long sending = System.nanoTime();
            String commandId = kafka.send(create);
            long acknowledged = System.nanoTime();
            CommandResult result = kafka.await(commandId);
            long answered = System.nanoTime();
            System.out.printf(
                    "100,000-member CreateCampaign (%d bytes): produced in %d ms; answered %d ms after the broker"
                            + " acknowledged it%n",
                    create.getSerializedSize(),
                    (acknowledged - sending) / 1_000_000,
                    (answered - acknowledged) / 1_000_000);

            assertThat(create.getSerializedSize()).isGreaterThan(4 * 1024 * 1024);
            assertThat(result.hasAccepted()).as("%s", result).isTrue();
            assertThat(result.getAccepted().getCampaign().getTotalRecipients()).isEqualTo(100_000);
            List<ConsumerRecord<String, byte[]>> records = readEvents(kafka, 1 + (int) (result.getVersion() - 1));
            assertThat(records).allSatisfy(r -> assertThat(r.serializedKeySize() + r.serializedValueSize())
                    .isLessThan(Limits.MAX_PUBLIC_RECORD_BYTES - 1024));
            List<AudienceMember> written = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : records) {
                written.addAll(CampaignEvent.parseFrom(r.value()).getAudienceAdded().getMembersList());
            }
            assertThat(written).isEqualTo(audience);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readEvents(RealBroker kafka, int expected) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(kafka.readCommitted(), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(kafka.topics.campaignEvents().name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.currentTimeMillis() + 30_000;
            while (records.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).hasSize(expected);
        return records;
    }
}
