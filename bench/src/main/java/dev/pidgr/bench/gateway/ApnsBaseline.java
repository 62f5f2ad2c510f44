package dev.pidgr.bench.gateway;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The APNs baseline: what the gateway's APNs sender does for each notification, without pidgr around it: Pushy's
 * client with the same team key, trust and ALPN, sending the same alert shape to the same local APNs server, with as
 * many in flight as the gateway's APNs limit.
 */
final class ApnsBaseline {

    private ApnsBaseline() {
    }

    /** Sends one alert to each device token; returns notifications per second (all must be accepted). */
    static double run(LocalApns apns, List<String> tokens, int concurrency) throws Exception {
        ApnsClient client = new ApnsClientBuilder()
                .setApnsServer("localhost", apns.server().port())
                .setSigningKey(ApnsSigningKey.loadFromPkcs8File(apns.keyFile().toFile(), LocalApns.TEAM_ID,
                        LocalApns.KEY_ID))
                .setTrustedServerCertificateChain(apns.trustFile().toFile())
                .setConnectionTimeout(Duration.ofSeconds(10))
                .setUseAlpn(true)
                .build();
        try {
            Semaphore inFlight = new Semaphore(concurrency);
            long start = System.nanoTime();
            List<CompletableFuture<PushNotificationResponse<SimpleApnsPushNotification>>> answers =
                    new ArrayList<>(tokens.size());
            for (int i = 0; i < tokens.size(); i++) {
                inFlight.acquire();
                answers.add(client.sendNotification(notification(tokens.get(i), i))
                        .whenComplete((answer, failure) -> inFlight.release()));
            }
            for (CompletableFuture<PushNotificationResponse<SimpleApnsPushNotification>> answer : answers) {
                if (!answer.get().isAccepted()) {
                    throw new IllegalStateException("the local APNs server refused: "
                            + answer.get().getRejectionReason().orElse("?"));
                }
            }
            return tokens.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            client.close().get();
        }
    }

    /** The gateway's alert shape (gateway's ApnsSender): title, body, push id and link, priority 10, a day. */
    private static SimpleApnsPushNotification notification(String token, int index) {
        String pushId = UUID.randomUUID().toString();
        String payload = new SimpleApnsPayloadBuilder()
                .setAlertTitle("Hello Person " + index)
                .setAlertBody("The new travel policy is out")
                .addCustomProperty("push_id", pushId)
                .addCustomProperty("deep_link", "pidgr://inbox/baseline-" + index)
                .build();
        return new SimpleApnsPushNotification(token, LocalApns.TOPIC, payload, Instant.now().plus(Duration.ofDays(1)),
                DeliveryPriority.IMMEDIATE, PushType.ALERT, null, UUID.fromString(pushId));
    }
}
