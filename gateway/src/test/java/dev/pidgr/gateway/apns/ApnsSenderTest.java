package dev.pidgr.gateway.apns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pidgr.gateway.channel.Attempt;
import dev.pidgr.gateway.channel.Outgoing;
import dev.pidgr.gateway.push.LogCapture;
import dev.pidgr.gateway.push.Messages;
import dev.pidgr.localproviders.apns.ApnsServer;
import dev.pidgr.localproviders.apns.ApnsServer.Received;
import dev.pidgr.localproviders.apns.ApnsServer.Refusal;
import dev.pidgr.localproviders.apns.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The APNs sender against a local APNs over HTTP/2 and TLS ({@link ApnsServer}). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApnsSenderTest {

    private static final String OK = "a0a0";
    private static final String BAD = "b0b0";
    private static final String GONE = "c0c0";
    private static final String BUSY = "d0d0";
    private static final String BROKEN = "e0e0";
    private static final String OTHER_APP = "f0f0";

    private Path dir;
    private KeyPair teamKey;
    private Path certificate;
    private ApnsServer apns;
    private ApnsSender sender;

    @BeforeAll
    void startApns() throws Exception {
        dir = Files.createTempDirectory("apns");
        teamKey = Pem.p256();
        apns = ApnsServer.start((ECPublicKey) teamKey.getPublic(), "KEY1234567", "TEAM123456")
                .refuse(BAD, new Refusal(400, "BadDeviceToken"))
                .refuse(GONE, new Refusal(410, "Unregistered"))
                .refuse(BUSY, new Refusal(429, "TooManyRequests"))
                .refuse(BROKEN, new Refusal(500, "InternalServerError"))
                .refuse(OTHER_APP, new Refusal(400, "TopicDisallowed"));
        certificate = Pem.writeCertificate(dir.resolve("apns.pem"), apns.certificate());
        sender = ApnsSender.start(settings(teamKey, apns.port()));
    }

    @AfterAll
    void stopApns() {
        sender.close();
        apns.close();
    }

    private ApnsSettings settings(KeyPair key, int port) throws Exception {
        Path p8 = Pem.writePrivateKey(Files.createTempFile(dir, "key", ".p8"), key);
        return new ApnsSettings(p8, "KEY1234567", "TEAM123456", "dev.pidgr.app", "localhost", port,
                Optional.of(certificate), 4, Duration.ofSeconds(10));
    }

    private Attempt send(ApnsSender through, Outgoing message) {
        return through.send(message).toCompletableFuture().join();
    }

    @Test
    void shouldSendASignedAlertWithThePushIdAsApnsIdAndCollapseId() throws Exception {
        Outgoing message = Messages.to(OK);

        Attempt attempt = send(sender, message);

        assertThat(attempt).isEqualTo(new Attempt.Accepted(message.pushId()));
        Received received = apns.received().stream().filter(r -> r.token().equals(OK)).findFirst().orElseThrow();
        assertThat(received.topic()).isEqualTo("dev.pidgr.app");
        assertThat(received.apnsId()).isEqualTo(message.pushId());
        assertThat(received.collapseId()).isEqualTo(message.pushId());
        assertThat(received.pushType()).isEqualTo("alert");
        JsonNode payload = new ObjectMapper().readTree(received.payload());
        assertThat(payload.path("aps").path("alert").path("title").asText()).isEqualTo("Quarterly results");
        assertThat(payload.path("aps").path("alert").path("body").asText()).isEqualTo("Read the numbers before Friday");
        assertThat(payload.path("push_id").asText()).isEqualTo(message.pushId());
        assertThat(payload.path("deep_link").asText()).isEqualTo("pidgr://inbox/delivery-1");
    }

    @Test
    void shouldCallABadDeviceTokenUnregistered() {
        assertThat(send(sender, Messages.to(BAD))).isEqualTo(new Attempt.Unregistered("BadDeviceToken"));
    }

    @Test
    void shouldCallA410Unregistered() {
        assertThat(send(sender, Messages.to(GONE))).isEqualTo(new Attempt.Unregistered("Unregistered"));
    }

    @Test
    void shouldRetryA429AndA500() {
        assertThat(send(sender, Messages.to(BUSY)))
                .isEqualTo(new Attempt.Transient("TooManyRequests", Optional.empty()));
        assertThat(send(sender, Messages.to(BROKEN)))
                .isEqualTo(new Attempt.Transient("InternalServerError", Optional.empty()));
    }

    @Test
    void shouldFailOtherRefusalsForGood() {
        assertThat(send(sender, Messages.to(OTHER_APP))).isEqualTo(new Attempt.Failed("TopicDisallowed"));
    }

    @Test
    void shouldRetryWhenNoServerAnswers() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (ApnsSender nowhere = ApnsSender.start(settings(teamKey, closedPort))) {
            Attempt attempt = send(nowhere, Messages.to(OK));

            assertThat(attempt).isInstanceOf(Attempt.Transient.class);
        }
    }

    @Test
    void shouldFailAWrongKeyWithoutLoggingIt() throws Exception {
        KeyPair wrongKey = Pem.p256();
        String keyMaterial = Base64.getEncoder().encodeToString(wrongKey.getPrivate().getEncoded());
        String secretPart = keyMaterial.substring(keyMaterial.length() - 40); // the private scalar, not the header
        try (LogCapture log = new LogCapture(); ApnsSender wrong = ApnsSender.start(settings(wrongKey, apns.port()))) {
            Attempt attempt = send(wrong, Messages.to(OK));

            assertThat(attempt).isEqualTo(new Attempt.Failed("InvalidProviderToken"));
            assertThat(log.lines()).isNotEmpty()
                    .noneMatch(line -> line.contains(secretPart) || line.toLowerCase().contains("bearer"));
        }
    }
}
