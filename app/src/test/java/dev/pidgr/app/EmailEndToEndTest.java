package dev.pidgr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CreateCampaignRequest;
import dev.pidgr.api.v1.CreateTemplateRequest;
import dev.pidgr.api.v1.DeliveryCounts;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.app.run.Role;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.contract.Ids;
import dev.pidgr.contract.Topics;
import dev.pidgr.events.v1.DeliveryReceipt;
import dev.pidgr.events.v1.DeviceEvent;
import dev.pidgr.events.v1.EmailSet;
import dev.pidgr.events.v1.ReceiptOutcome;
import dev.pidgr.gateway.GatewaySettings;
import dev.pidgr.gateway.email.EmailSettings;
import dev.pidgr.gateway.email.SmtpServer;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A campaign's email, for real: every role with the channel gateway on the embedded broker, sending through
 * GreenMail's SMTP server; one recipient with an email address, one with nothing.
 */
class EmailEndToEndTest {

    private final GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private RunningNode node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        mail.stop();
    }

    @Test
    void shouldMailTheRecipientWithAnAddressAndCountTheOtherAsNoDevice() throws Exception {
        mail.start();
        SmtpServer smtp = new SmtpServer("127.0.0.1", mail.getSmtp().getPort(), "none", "", "", "hr@pidgr.test");
        node = RunningNode.start(EnumSet.allOf(Role.class), GatewaySettings.defaults()
                .withEmail(new EmailSettings(Optional.of(smtp), Map.of(), 2, 5_000)));
        String org = "org-" + UUID.randomUUID();
        Topics topics = Topics.withNamespace(node.namespace());
        emailSet(topics, org, "ada", "ada@example.org");
        String templateId = node.templates(node.admin(org)).createTemplate(CreateTemplateRequest.newBuilder()
                .setName("Policy").setTitle("Travel policy").setBody("Hello, please read the travel policy.")
                .build()).getTemplate().getId();
        Campaign campaign = node.campaigns(node.admin(org)).createCampaign(CreateCampaignRequest.newBuilder()
                .setName("Travel").setTemplateId(templateId).setSenderName("HR Team")
                .addAudience(AudienceMember.newBuilder().setUserId("ada"))
                .addAudience(AudienceMember.newBuilder().setUserId("bob")).build()).getCampaign();

        node.campaigns(node.admin(org)).startCampaign(StartCampaignRequest.newBuilder().setId(campaign.getId())
                .build());

        DeliveryCounts counts = await().atMost(Duration.ofSeconds(60)).until(() -> node.campaigns(node.admin(org))
                .getCampaign(GetCampaignRequest.newBuilder().setId(campaign.getId()).build()).getCampaign()
                .getDeliveryCounts(), c -> c.getNoDevice() == 1 && c.getSent() == 1);
        assertThat(counts.getFailed()).isZero();
        assertThat(receipts(topics, campaign.getId())).extracting(r -> r.getUserId() + " " + r.getOutcome())
                .containsExactlyInAnyOrder("ada " + ReceiptOutcome.RECEIPT_OUTCOME_ACCEPTED,
                        "bob " + ReceiptOutcome.RECEIPT_OUTCOME_NO_DEVICE);
        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Travel policy");
        String delivery = Ids.deliveryId(campaign.getId(), "ada");
        assertThat(received[0].getMessageID()).isEqualTo("<" + Ids.pushId(delivery, 0) + "@pidgr>");
        assertThat(((String) received[0].getContent()).replace("\r\n", "\n"))
                .startsWith("Hello, please read the travel policy.")
                .endsWith("pidgr://inbox/" + delivery);
    }

    /** What the command side writes when a recipient calls DeviceService.SetEmail. */
    private void emailSet(Topics topics, String org, String user, String address) throws Exception {
        DeviceEvent event = DeviceEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setOrganizationId(org)
                .setUserId(user).setVersion(1).setActor(user)
                .setEmailSet(EmailSet.newBuilder().setEmail(address)).build();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.deviceEvents().name(), null, user, event.toByteArray(),
                    EventHeaders.of(event, event.getEventId()))).get();
        }
    }

    private List<DeliveryReceipt> receipts(Topics topics, String campaignId) {
        try (KafkaConsumer<String, DeliveryReceipt> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), topics.deliveryReceipts().valueSerde().deserializer())) {
            consumer.subscribe(List.of(topics.deliveryReceipts().name()));
            List<DeliveryReceipt> receipts = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (receipts.size() < 2 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> receipts.add(r.value()));
            }
            return receipts.stream().filter(r -> r.getCampaignId().equals(campaignId)).toList();
        }
    }
}
