package dev.pidgr.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.DeliveryReceipt;
import dev.pidgr.events.v1.DeviceEvent;
import dev.pidgr.events.v1.EmailSet;
import dev.pidgr.events.v1.PushRequest;
import dev.pidgr.events.v1.ReceiptOutcome;
import dev.pidgr.gateway.email.EmailSettings;
import dev.pidgr.gateway.email.SmtpServer;
import dev.pidgr.gateway.retry.RetryPolicy;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway on a real broker, sending through GreenMail's real SMTP server. */
class GatewayEmailTest {

    private static final String ORG = "org-1";
    private static final String CAMPAIGN = "c-1";

    private final GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private GatewayBroker broker;
    private Gateway gateway;

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (broker != null) {
            broker.close();
        }
        mail.stop();
    }

    private void startGateway(int smtpPort, RetryPolicy retry) throws Exception {
        SmtpServer server = new SmtpServer("127.0.0.1", smtpPort, "none", "", "", "campaigns@pidgr.test");
        GatewaySettings settings = GatewaySettings.defaults().withRetry(retry)
                .withEmail(new EmailSettings(Optional.of(server), Map.of(), 2, 5_000));
        gateway = new Gateway(broker.clientConfig(), broker.topics, settings, List.of());
        gateway.start(Duration.ofSeconds(60));
    }

    private void emailSet(String user, String address) throws Exception {
        broker.send(broker.topics.deviceEvents(), user, DeviceEvent.newBuilder().setEventId(user + "-1")
                .setOrganizationId(ORG).setUserId(user).setVersion(1)
                .setEmailSet(EmailSet.newBuilder().setEmail(address)).build());
    }

    private static PushRequest push(String user) {
        String delivery = Ids.deliveryId(CAMPAIGN, user);
        return PushRequest.newBuilder().setPushId(Ids.pushId(delivery, 0)).setOrganizationId(ORG).setUserId(user)
                .setCampaignId(CAMPAIGN).setDeliveryId(delivery).setTitle("Quarterly security training")
                .setSummary("Please finish it by Friday").setBody("Hello Ada,\nthe training takes 20 minutes.")
                .setSenderName("Security Team").setDeepLink("pidgr://inbox/" + delivery).build();
    }

    @Test
    void shouldMailARecipientWithAnEmailAndReportOneWithoutAnyAsNoDevice() throws Exception {
        mail.start();
        broker = new GatewayBroker(2);
        emailSet("ada", "ada@example.org");
        startGateway(mail.getSmtp().getPort(), GatewaySettings.defaults().retry());

        broker.send(broker.topics.notificationsPush(), "ada", push("ada"));
        broker.send(broker.topics.notificationsPush(), "bob", push("bob"));

        List<ConsumerRecord<String, DeliveryReceipt>> receipts =
                broker.readUntil(broker.topics.deliveryReceipts(), records -> records.size() >= 2);
        assertThat(receipts).extracting(r -> r.value().getUserId() + ":" + r.value().getOutcome()
                + ":" + r.value().getTargets()).containsExactlyInAnyOrder(
                        "ada:" + ReceiptOutcome.RECEIPT_OUTCOME_ACCEPTED + ":1",
                        "bob:" + ReceiptOutcome.RECEIPT_OUTCOME_NO_DEVICE + ":0");
        assertThat(receipts).allSatisfy(r -> assertThat(r.key()).isEqualTo(CAMPAIGN));
        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage message = received[0];
        assertThat(message.getSubject()).isEqualTo("Quarterly security training");
        assertThat(message.getMessageID()).isEqualTo("<" + push("ada").getPushId() + "@pidgr>");
        assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Security Team");
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("ada@example.org");
        assertThat(((String) message.getContent()).replace("\r\n", "\n")).isEqualTo(
                "Hello Ada,\nthe training takes 20 minutes.\n\nOpen it in pidgr: pidgr://inbox/"
                        + push("ada").getDeliveryId());
        assertThat(receipts.stream().filter(r -> r.value().getUserId().equals("ada")).findFirst().orElseThrow()
                .value().getProviderMessageId()).isEqualTo(message.getMessageID());
    }

    @Test
    void shouldRetryAnUnreachableRelayAndThenReportFailed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        broker = new GatewayBroker(1);
        emailSet("ada", "ada@example.org");
        startGateway(closedPort, new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)));

        broker.send(broker.topics.notificationsPush(), "ada", push("ada"));

        List<ConsumerRecord<String, DeliveryReceipt>> receipts =
                broker.readUntil(broker.topics.deliveryReceipts(), records -> records.size() >= 3);
        assertThat(receipts).extracting(r -> r.value().getAttempt() + ":" + r.value().getOutcome()).containsExactly(
                "1:" + ReceiptOutcome.RECEIPT_OUTCOME_RETRYING,
                "2:" + ReceiptOutcome.RECEIPT_OUTCOME_RETRYING,
                "3:" + ReceiptOutcome.RECEIPT_OUTCOME_FAILED);
        assertThat(receipts).extracting(r -> r.value().getReceiptId()).doesNotHaveDuplicates();
        assertThat(receipts.get(2).value().getReason()).startsWith("SMTP ");
    }

    @Test
    void shouldParkAnUnreadablePushAndGoOn() throws Exception {
        mail.start();
        broker = new GatewayBroker(1);
        emailSet("ada", "ada@example.org");
        startGateway(mail.getSmtp().getPort(), GatewaySettings.defaults().retry());

        broker.sendRaw(broker.topics.notificationsPush(), "ada", new byte[] {(byte) 0xff, 0x01});
        broker.send(broker.topics.notificationsPush(), "ada", push("ada"));

        assertThat(broker.readUntil(broker.topics.deliveryReceipts(), records -> !records.isEmpty()))
                .extracting(r -> r.value().getOutcome()).containsExactly(ReceiptOutcome.RECEIPT_OUTCOME_ACCEPTED);
        List<ConsumerRecord<String, byte[]>> parked =
                broker.readRawUntil(broker.topics.deadLetter(broker.topics.notificationsPush()), 1);
        assertThat(parked).extracting(ConsumerRecord::value).containsExactly(new byte[] {(byte) 0xff, 0x01});
        assertThat(new String(parked.get(0).headers().lastHeader("pidgr-error").value())).contains("Protocol");
    }
}
