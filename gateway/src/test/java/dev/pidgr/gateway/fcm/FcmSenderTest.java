package dev.pidgr.gateway.fcm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pidgr.gateway.channel.Attempt;
import dev.pidgr.gateway.channel.Outgoing;
import dev.pidgr.gateway.push.LogCapture;
import dev.pidgr.gateway.push.Messages;
import dev.pidgr.localproviders.fcm.FcmServer;
import dev.pidgr.localproviders.fcm.FcmServer.Refusal;
import dev.pidgr.localproviders.fcm.ServiceAccount;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The FCM sender against a local OAuth token endpoint and FCM HTTP v1 ({@link FcmServer}). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FcmSenderTest {

    private static final String EMAIL = "pidgr-push@pidgr-test.iam.gserviceaccount.com";
    private static final String PROJECT = "pidgr-test";

    private Path dir;
    private ServiceAccount account;
    private FcmServer fcm;
    private FcmSender sender;

    @BeforeAll
    void startFcm() throws Exception {
        dir = Files.createTempDirectory("fcm");
        account = ServiceAccount.generate(PROJECT, EMAIL);
        fcm = FcmServer.start(account)
                .refuse("dead-token", new Refusal(404, "NOT_FOUND", "UNREGISTERED", null))
                .refuse("busy-token", new Refusal(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "7"))
                .refuse("down-token", new Refusal(503, "UNAVAILABLE", "UNAVAILABLE", null))
                .refuse("bad-token", new Refusal(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", null));
        sender = FcmSender.start(settings(account));
    }

    @AfterAll
    void stopFcm() {
        sender.close();
        fcm.close();
    }

    /** A service account key file as the Google Cloud console hands it out, its token_uri pointing nowhere. */
    private FcmSettings settings(ServiceAccount key) throws Exception {
        Path file = key.write(Files.createTempFile(dir, "account", ".json"),
                "https://oauth2.googleapis.invalid/token");
        return new FcmSettings(file, URI.create(fcm.base()), Optional.of(URI.create(fcm.tokenEndpoint())), 4,
                Duration.ofSeconds(10));
    }

    private static Attempt send(FcmSender through, Outgoing message) {
        return through.send(message).toCompletableFuture().join();
    }

    @Test
    void shouldSendWithATokenFromTheServiceAccountAndAnswerTheMessageName() {
        Outgoing message = Messages.to("ok-token");

        Attempt attempt = send(sender, message);

        assertThat(attempt).isInstanceOf(Attempt.Accepted.class);
        assertThat(((Attempt.Accepted) attempt).providerMessageId()).startsWith("projects/pidgr-test/messages/0:");
        JsonNode sent = fcm.received().stream().filter(m -> m.token().equals("ok-token")).findFirst().orElseThrow()
                .body();
        assertThat(sent.path("message").path("notification").path("title").asText()).isEqualTo("Quarterly results");
        assertThat(sent.path("message").path("data").path("push_id").asText()).isEqualTo(message.pushId());
        assertThat(sent.path("message").path("data").path("deep_link").asText()).isEqualTo("pidgr://inbox/delivery-1");
        assertThat(sent.at("/message/android/notification/tag").asText()).isEqualTo(message.pushId());
    }

    @Test
    void shouldReuseTheAccessTokenUntilItExpires() {
        send(sender, Messages.to("ok-token"));
        int before = fcm.tokenRequests();

        send(sender, Messages.to("ok-token"));

        assertThat(fcm.tokenRequests()).isEqualTo(before);
    }

    @Test
    void shouldCallUnregisteredUnregistered() {
        assertThat(send(sender, Messages.to("dead-token"))).isEqualTo(new Attempt.Unregistered("UNREGISTERED"));
    }

    @Test
    void shouldRetryA429AfterItsRetryAfterAndA503() {
        assertThat(send(sender, Messages.to("busy-token")))
                .isEqualTo(new Attempt.Transient("QUOTA_EXCEEDED", Optional.of(Duration.ofSeconds(7))));
        assertThat(send(sender, Messages.to("down-token")))
                .isEqualTo(new Attempt.Transient("UNAVAILABLE", Optional.empty()));
    }

    @Test
    void shouldFailAnInvalidArgumentForGood() {
        assertThat(send(sender, Messages.to("bad-token"))).isEqualTo(new Attempt.Failed("INVALID_ARGUMENT"));
    }

    @Test
    void shouldFailForGoodWhenTheTokenEndpointRefusesTheKeyAndLogNoKey() throws Exception {
        ServiceAccount wrong = ServiceAccount.generate(PROJECT, EMAIL);
        String keyMaterial = Base64.getEncoder().encodeToString(wrong.key().getPrivate().getEncoded());
        try (LogCapture log = new LogCapture(); FcmSender unknown = FcmSender.start(settings(wrong))) {
            Attempt attempt = send(unknown, Messages.to("ok-token"));

            assertThat(attempt).isEqualTo(new Attempt.Failed("the OAuth token endpoint refused the service account"));
            assertThat(log.lines()).isNotEmpty().noneMatch(line -> line.contains(keyMaterial.substring(0, 40))
                    || line.contains(keyMaterial.substring(200, 240)) || line.contains("ya29."));
        }
    }

    @Test
    void shouldRetryWhenTheTokenEndpointCannotBeReached() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        FcmSettings settings = settings(account);
        FcmSettings unreachable = new FcmSettings(settings.serviceAccountFile(), settings.endpoint(),
                Optional.of(URI.create("http://127.0.0.1:" + closedPort + "/token")), 1, Duration.ofSeconds(5));
        try (FcmSender nowhere = FcmSender.start(unreachable)) {
            Attempt attempt = send(nowhere, Messages.to("ok-token"));

            assertThat(attempt).isInstanceOf(Attempt.Transient.class);
            assertThat(((Attempt.Transient) attempt).reason()).startsWith("no OAuth token for FCM");
        }
    }
}
