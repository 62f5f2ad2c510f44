package dev.pidgr.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.localproviders.apns.ApnsServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The APNs baseline against local-providers' APNs server: what it sends, over TLS with the team's key. */
class ApnsBaselineTest {

    private static final String T1 = "a1".repeat(32);
    private static final String T2 = "b2".repeat(32);

    @Test
    void shouldSendOneAcceptedAlertPerTokenForTheTopic(@TempDir Path dir) throws Exception {
        try (LocalApns apns = LocalApns.start(dir)) {
            double perSecond = ApnsBaseline.run(apns, List.of(T1, T2), 2);

            assertThat(perSecond).isPositive();
            assertThat(apns.server().received()).extracting(ApnsServer.Received::token)
                    .containsExactlyInAnyOrder(T1, T2);
            assertThat(apns.server().received()).allSatisfy(received -> {
                assertThat(received.status()).isEqualTo(200);
                assertThat(received.topic()).isEqualTo("dev.pidgr.bench");
                assertThat(received.pushType()).isEqualTo("alert");
                assertThat(received.payload()).contains("\"push_id\":\"" + received.apnsId() + "\"");
            });
        }
    }

    @Test
    void shouldPointDevsGatewayAtTheServerWithTheKeyAndItsCertificate(@TempDir Path dir) throws Exception {
        try (LocalApns apns = LocalApns.start(dir)) {
            assertThat(apns.devVariables())
                    .containsEntry("PIDGR_APNS_ENDPOINT", "localhost:" + apns.server().port())
                    .containsEntry("PIDGR_APNS_KEY_FILE", dir.resolve("apns-key.p8").toString())
                    .containsEntry("PIDGR_APNS_TRUST_FILE", dir.resolve("apns-server.pem").toString())
                    .containsEntry("PIDGR_APNS_TOPIC", "dev.pidgr.bench");
            assertThat(dir.resolve("apns-key.p8")).content().startsWith("-----BEGIN PRIVATE KEY-----");
        }
    }
}
