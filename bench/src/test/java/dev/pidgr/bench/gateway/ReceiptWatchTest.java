package dev.pidgr.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pidgr.embedded.SharedTestInfra;
import dev.pidgr.events.v1.DeliveryReceipt;
import dev.pidgr.events.v1.ReceiptOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The receipt watch on the embedded broker: which receipts end a gateway round, and which do not count. */
class ReceiptWatchTest {

    private static final String BOOTSTRAP = SharedTestInfra.kafka().bootstrapServers();

    @Test
    void shouldEndWhenEveryDeliveryOfTheCampaignHasAnAcceptedReceipt() throws Exception {
        String topic = newTopic();
        write(topic, receipt("c1", "before", ReceiptOutcome.RECEIPT_OUTCOME_ACCEPTED));
        try (ReceiptWatch watch = new ReceiptWatch(BOOTSTRAP, topic)) {
            write(topic,
                    receipt("c1", "d1", ReceiptOutcome.RECEIPT_OUTCOME_ACCEPTED),
                    receipt("c1", "d1", ReceiptOutcome.RECEIPT_OUTCOME_ACCEPTED),
                    receipt("c2", "d9", ReceiptOutcome.RECEIPT_OUTCOME_ACCEPTED),
                    receipt("c1", "d2", ReceiptOutcome.RECEIPT_OUTCOME_RETRYING),
                    receipt("c1", "d2", ReceiptOutcome.RECEIPT_OUTCOME_ACCEPTED));

            ReceiptWatch.Seen seen = watch.await("c1", 2, Duration.ofSeconds(30));

            assertThat(seen.accepted()).isEqualTo(2);
            assertThat(seen.other()).isEqualTo(1);
        }
    }

    @Test
    void shouldFailWhenADeliveryHasNoAcceptedReceiptInTime() throws Exception {
        String topic = newTopic();
        try (ReceiptWatch watch = new ReceiptWatch(BOOTSTRAP, topic)) {
            write(topic,
                    receipt("c1", "d1", ReceiptOutcome.RECEIPT_OUTCOME_ACCEPTED),
                    receipt("c1", "d2", ReceiptOutcome.RECEIPT_OUTCOME_NO_DEVICE));

            assertThatThrownBy(() -> watch.await("c1", 2, Duration.ofSeconds(2)))
                    .hasMessage("1 of 2 deliveries had an ACCEPTED receipt within PT2S");
        }
    }

    private static DeliveryReceipt receipt(String campaign, String delivery, ReceiptOutcome outcome) {
        return DeliveryReceipt.newBuilder().setCampaignId(campaign).setDeliveryId(delivery).setOutcome(outcome)
                .build();
    }

    private static String newTopic() throws Exception {
        String topic = SharedTestInfra.newNamespace() + "receipts";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        return topic;
    }

    private static void write(String topic, DeliveryReceipt... receipts) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (DeliveryReceipt receipt : receipts) {
                producer.send(new ProducerRecord<>(topic, receipt.getDeliveryId().getBytes(), receipt.toByteArray()));
            }
        }
    }
}
