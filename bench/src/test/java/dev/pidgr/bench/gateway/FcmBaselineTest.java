package dev.pidgr.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.pidgr.localproviders.fcm.FcmServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The push baseline against local-providers' FCM server: what it sends, and with which credential. */
class FcmBaselineTest {

    @Test
    void shouldSendOneAcceptedMessagePerTokenWithOneAccessToken(@TempDir Path dir) throws Exception {
        try (LocalFcm fcm = LocalFcm.start(dir)) {
            double perSecond = FcmBaseline.run(fcm, List.of("t1", "t2", "t3"), 2);

            assertThat(perSecond).isPositive();
            assertThat(fcm.server().received()).extracting(FcmServer.Received::token, FcmServer.Received::status)
                    .containsExactlyInAnyOrder(
                            tuple("t1", 200), tuple("t2", 200), tuple("t3", 200));
            assertThat(fcm.server().received().getFirst().body().at("/message/data/deep_link").asText())
                    .startsWith("pidgr://inbox/");
            assertThat(fcm.server().tokenRequests()).isEqualTo(1);
        }
    }

    @Test
    void shouldPointDevsGatewayAtTheServerWithTheKeyFile(@TempDir Path dir) throws Exception {
        try (LocalFcm fcm = LocalFcm.start(dir)) {
            assertThat(fcm.devVariables())
                    .containsEntry("PIDGR_FCM_ENDPOINT", "http://127.0.0.1:" + fcm.server().port())
                    .containsEntry("PIDGR_FCM_SERVICE_ACCOUNT_FILE",
                            dir.resolve("fcm-service-account.json").toString());
            assertThat(dir.resolve("fcm-service-account.json")).content().contains("\"type\": \"service_account\"")
                    .contains("\"token_uri\": \"" + fcm.server().tokenEndpoint() + "\"");
        }
    }
}
