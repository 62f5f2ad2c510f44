package dev.pidgr.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.pidgr.api.v1.DeliveryCounts;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.app.run.Node;
import dev.pidgr.app.run.Role;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.DeliveryReceipt;
import dev.pidgr.events.v1.DeviceEvent;
import dev.pidgr.events.v1.EmailSet;
import dev.pidgr.events.v1.ReceiptOutcome;
import dev.pidgr.faults.support.Api;
import dev.pidgr.faults.support.Deployment;
import dev.pidgr.faults.support.FaultInfra;
import dev.pidgr.faults.support.Profile;
import dev.pidgr.faults.support.Report;
import dev.pidgr.faults.support.Requests;
import dev.pidgr.faults.support.Serve;
import dev.pidgr.faults.support.TopicReader;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The channel gateway's process is killed with SIGKILL while it mails a campaign (half the members have an email
 * address, half nothing) through a real SMTP server (GreenMail). After its restart every delivery ends as its
 * receipts say (SENT for an address, NO_DEVICE for none), each push has exactly one final receipt, and every address
 * got its mail, carrying the push id as Message-ID; a copy is possible only for what was in flight at the kill.
 */
class GatewayKillTest {

    private static final String ORG = "org-gateway-kill";
    private static final int PARTITIONS = 3;

    @Test
    void shouldEndEveryDeliveryAsItsReceiptsSayWhenTheGatewayIsKilledMidCampaign() throws Exception {
        int members = Profile.gatewayMembers();
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        try (Deployment deployment = new Deployment("gateway-kill", PARTITIONS, false)) {
            Node node = deployment.node(EnumSet.of(Role.API, Role.COMMAND, Role.QUERY, Role.WORKFLOW));
            deployment.withEnvironment(Map.of(
                    "PIDGR_SMTP_HOST", "127.0.0.1",
                    "PIDGR_SMTP_PORT", String.valueOf(mail.getSmtp().getPort()),
                    "PIDGR_SMTP_SECURITY", "none",
                    "PIDGR_SMTP_FROM", "hr@pidgr.test",
                    "PIDGR_KAFKA_PROPERTIES", "gateway:session.timeout.ms=6000\ngateway:heartbeat.interval.ms=1000"));
            List<String> users = Requests.users(members);
            List<String> withEmail = IntStream.range(0, members).filter(i -> i % 2 == 0).mapToObj(users::get).toList();
            setEmails(deployment, withEmail); // before the gateway starts: it is ready once it has read them
            Serve gateway = deployment.serve("gateway", "gateway").awaitReady(Deployment.START_LIMIT);
            try (Api api = new Api(node.grpcPort(), ORG)) {
                String templateId = api.templates().createTemplate(Requests.template("Policy")).getTemplate().getId();
                String campaignId = api.campaigns().createCampaign(Requests.campaign("Mail", templateId, users, null))
                        .getCampaign().getId();
                api.campaigns().startCampaign(StartCampaignRequest.newBuilder().setId(campaignId).build());

                await().atMost(Duration.ofMinutes(3)).until(() -> mail.getReceivedMessages().length
                        >= withEmail.size() / 3);
                gateway.kill();
                int mailedAtKill = mail.getReceivedMessages().length;
                gateway.start().awaitReady(Deployment.START_LIMIT);

                DeliveryCounts counts = await().atMost(Duration.ofMinutes(5)).ignoreExceptions().until(
                        () -> api.campaigns().getCampaign(GetCampaignRequest.newBuilder().setId(campaignId).build())
                                .getCampaign().getDeliveryCounts(),
                        c -> c.getSent() + c.getNoDevice() + c.getFailed() == members && c.getNoDevice() > 0
                                && c.getSent() == withEmail.size());
                assertThat(counts.getNoDevice()).isEqualTo(members - withEmail.size());
                assertThat(counts.getFailed()).isZero();
                Map<String, List<DeliveryReceipt>> finals = finalReceipts(deployment, campaignId);
                assertThat(finals).hasSize(members);
                assertThat(finals.values()).allSatisfy(list -> assertThat(list).hasSize(1));
                assertThat(finals.values().stream().filter(l -> l.getFirst().getOutcome()
                        == ReceiptOutcome.RECEIPT_OUTCOME_ACCEPTED).count()).isEqualTo(withEmail.size());
                Map<String, Integer> mailsPerAddress = mailsPerAddress(mail, campaignId);
                assertThat(mailsPerAddress.keySet()).containsExactlyInAnyOrderElementsOf(
                        withEmail.stream().map(GatewayKillTest::address).toList());
                int copies = mailsPerAddress.values().stream().mapToInt(n -> n - 1).sum();
                assertThat(copies).isLessThanOrEqualTo(PARTITIONS * 1_000);
                Report.line("GatewayKillTest", "%d members (%d with email), SIGKILL of the gateway after %d mails:"
                        + " every delivery SENT or NO_DEVICE as its one final receipt says, every address mailed,"
                        + " %d copies of mails in flight at the kill (same Message-ID)", members, withEmail.size(),
                        mailedAtKill, copies);
            }
        } finally {
            mail.stop();
        }
    }

    private static String address(String user) {
        return user + "@example.org";
    }

    /** What the command side writes when each recipient calls DeviceService.SetEmail. */
    private static void setEmails(Deployment deployment, List<String> users) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, FaultInfra.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (String user : users) {
                DeviceEvent event = DeviceEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                        .setOrganizationId(ORG).setUserId(user).setVersion(1).setActor(user)
                        .setEmailSet(EmailSet.newBuilder().setEmail(address(user))).build();
                producer.send(new ProducerRecord<>(deployment.topics.deviceEvents().name(), null, user,
                        event.toByteArray(), EventHeaders.of(event, event.getEventId())));
            }
            producer.flush();
        }
    }

    /** Each push's receipts that end it (ACCEPTED, NO_DEVICE, FAILED, UNREGISTERED), by push id. */
    private static Map<String, List<DeliveryReceipt>> finalReceipts(Deployment deployment, String campaignId)
            throws Exception {
        Map<String, List<DeliveryReceipt>> byPush = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.committed(deployment.topics.deliveryReceipts()
                .name())) {
            DeliveryReceipt receipt = DeliveryReceipt.parseFrom(record.value());
            if (receipt.getCampaignId().equals(campaignId)
                    && receipt.getOutcome() != ReceiptOutcome.RECEIPT_OUTCOME_RETRYING) {
                byPush.computeIfAbsent(receipt.getPushId(), id -> new java.util.ArrayList<>()).add(receipt);
            }
        }
        return byPush;
    }

    /** Mails per recipient address; each must carry its push's id as Message-ID. */
    private static Map<String, Integer> mailsPerAddress(GreenMail mail, String campaignId) throws MessagingException {
        Map<String, Integer> counts = new HashMap<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            String to = message.getAllRecipients()[0].toString();
            String user = to.substring(0, to.indexOf('@'));
            assertThat(message.getMessageID())
                    .isEqualTo("<" + Ids.pushId(Ids.deliveryId(campaignId, user), 0) + "@pidgr>");
            counts.merge(to, 1, Integer::sum);
        }
        return counts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
