package dev.pidgr.gateway.webpush;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pidgr.gateway.channel.Attempt;
import dev.pidgr.gateway.channel.Outgoing;
import dev.pidgr.gateway.push.LogCapture;
import dev.pidgr.gateway.push.Messages;
import dev.pidgr.gateway.push.Secret;
import dev.pidgr.localproviders.webpush.PushService;
import dev.pidgr.localproviders.webpush.PushService.Received;
import dev.pidgr.localproviders.webpush.PushService.Refusal;
import dev.pidgr.localproviders.webpush.UserAgent;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The Web Push sender against a local push service ({@link PushService}), decrypting as a browser would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPushSenderTest {

    private static final String SUBJECT = "mailto:ops@pidgr.example";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private String vapidPrivate;
    private String vapidPublic;
    private PushService service;
    private WebPushSender sender;

    @BeforeAll
    void startPushService() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair vapid = generator.generateKeyPair();
        vapidPublic = B64.encodeToString(P256.uncompressed((ECPublicKey) vapid.getPublic()));
        vapidPrivate = B64.encodeToString(scalar(((ECPrivateKey) vapid.getPrivate()).getS()));
        service = PushService.start(SUBJECT)
                .refuse("gone", new Refusal(410, null))
                .refuse("missing", new Refusal(404, null))
                .refuse("busy", new Refusal(429, "30"))
                .refuse("down", new Refusal(500, null))
                .refuse("big", new Refusal(413, null));
        sender = WebPushSender.start(new WebPushSettings(vapidPublic, new Secret(vapidPrivate), SUBJECT,
                Duration.ofHours(6), 4, Duration.ofSeconds(10)), Clock.systemUTC());
    }

    @AfterAll
    void stopPushService() {
        sender.close();
        service.close();
    }

    private static byte[] scalar(BigInteger s) {
        byte[] bytes = s.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
        return out;
    }

    private Attempt send(String subscriptionJson) {
        return sender.send(Messages.to(subscriptionJson)).toCompletableFuture().join();
    }

    @Test
    void shouldDeliverAPayloadTheBrowserDecryptsWithAVapidToken() throws Exception {
        UserAgent browser = UserAgent.fresh();
        Outgoing message = Messages.to(browser.subscription(service.endpoint("s1")));

        Attempt attempt = sender.send(message).toCompletableFuture().join();

        assertThat(attempt).isInstanceOf(Attempt.Accepted.class);
        assertThat(((Attempt.Accepted) attempt).providerMessageId()).startsWith(service.origin() + "/m/");
        Received received = service.received().stream().filter(r -> r.subscription().equals("s1")).findFirst()
                .orElseThrow();
        assertThat(received.vapidKey()).isEqualTo(vapidPublic);
        assertThat(received.ttl()).isEqualTo("21600");
        assertThat(received.topic()).hasSize(32).isEqualTo(message.pushId().replace("-", ""));
        JsonNode payload = new ObjectMapper().readTree(browser.decrypt(received.body()));
        assertThat(payload.path("push_id").asText()).isEqualTo(message.pushId());
        assertThat(payload.path("title").asText()).isEqualTo("Quarterly results");
        assertThat(payload.path("body").asText()).isEqualTo("Read the numbers before Friday");
        assertThat(payload.path("deep_link").asText()).isEqualTo("pidgr://inbox/delivery-1");
    }

    @Test
    void shouldGiveAPushIdThatIsNoUuidNoTopic() {
        assertThat(WebPushSender.topic("9f0c1e52-6c8e-5d2a-9d1b-3f4a5b6c7d8e"))
                .contains("9f0c1e526c8e5d2a9d1b3f4a5b6c7d8e");
        assertThat(WebPushSender.topic("push id: not a uuid")).isEmpty();
        assertThat(WebPushSender.topic("a".repeat(33))).isEmpty();
    }

    @Test
    void shouldCallA404OrA410Unregistered() throws Exception {
        UserAgent browser = UserAgent.fresh();

        assertThat(send(browser.subscription(service.endpoint("gone"))))
                .isEqualTo(new Attempt.Unregistered("HTTP 410"));
        assertThat(send(browser.subscription(service.endpoint("missing"))))
                .isEqualTo(new Attempt.Unregistered("HTTP 404"));
    }

    @Test
    void shouldRetryA429AfterItsRetryAfterAndA500() throws Exception {
        UserAgent browser = UserAgent.fresh();

        assertThat(send(browser.subscription(service.endpoint("busy"))))
                .isEqualTo(new Attempt.Transient("HTTP 429", Optional.of(Duration.ofSeconds(30))));
        assertThat(send(browser.subscription(service.endpoint("down"))))
                .isEqualTo(new Attempt.Transient("HTTP 500", Optional.empty()));
    }

    @Test
    void shouldFailA413ForGoodWithoutLoggingTheKey() throws Exception {
        UserAgent browser = UserAgent.fresh();
        try (LogCapture log = new LogCapture()) {
            Attempt attempt = send(browser.subscription(service.endpoint("big")));

            assertThat(attempt).isEqualTo(new Attempt.Failed("payload too large (HTTP 413)"));
            assertThat(log.lines()).isNotEmpty().noneMatch(line -> line.contains(vapidPrivate)
                    || line.contains("vapid t=") || line.contains(B64.encodeToString(browser.auth())));
        }
    }

    @Test
    void shouldCallATokenThatIsNoSubscriptionUnregistered() {
        assertThat(send("{\"endpoint\": \"https://push.example/x\"}"))
                .isEqualTo(new Attempt.Unregistered("not a push subscription"));
        assertThat(send("not json")).isEqualTo(new Attempt.Unregistered("not a push subscription"));
    }

    @Test
    void shouldEncryptEachMessageWithAFreshKeyAndSalt() throws Exception {
        UserAgent browser = UserAgent.fresh();
        String subscription = browser.subscription(service.endpoint("twice"));

        send(subscription);
        send(subscription);

        var bodies = service.received().stream().filter(r -> r.subscription().equals("twice"))
                .map(Received::body).toList();
        assertThat(bodies).hasSize(2);
        assertThat(Arrays.copyOf(bodies.get(0), 86)).isNotEqualTo(Arrays.copyOf(bodies.get(1), 86));
        assertThat(browser.decrypt(bodies.get(0))).isEqualTo(browser.decrypt(bodies.get(1)));
    }
}
