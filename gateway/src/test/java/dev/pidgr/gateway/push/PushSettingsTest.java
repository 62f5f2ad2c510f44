package dev.pidgr.gateway.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushSettingsTest {

    private static final String VAPID_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";

    @TempDir
    Path dir;

    @Test
    void shouldTurnNoProviderOnWithoutTheirCredentials() {
        PushSettings settings = PushSettings.fromVariables(Map.of("PIDGR_APNS_TOPIC", "dev.pidgr.app"));

        assertThat(settings.apns()).isEmpty();
        assertThat(settings.fcm()).isEmpty();
        assertThat(settings.webPush()).isEmpty();
    }

    @Test
    void shouldReadEveryProviderWithItsDefaults() {
        PushSettings settings = PushSettings.fromVariables(Map.of(
                "PIDGR_APNS_KEY_FILE", "/run/secrets/apns.p8", "PIDGR_APNS_KEY_ID", "KEY1234567",
                "PIDGR_APNS_TEAM_ID", "TEAM123456", "PIDGR_APNS_TOPIC", "dev.pidgr.app",
                "PIDGR_FCM_SERVICE_ACCOUNT_FILE", "/run/secrets/fcm.json", "PIDGR_FCM_CONCURRENCY", "8",
                "PIDGR_WEBPUSH_VAPID_PUBLIC_KEY", "BCVx", "PIDGR_WEBPUSH_VAPID_PRIVATE_KEY", VAPID_PRIVATE,
                "PIDGR_WEBPUSH_VAPID_SUBJECT", "mailto:ops@example.com"));

        assertThat(settings.apns().orElseThrow().host()).isEqualTo("api.push.apple.com");
        assertThat(settings.apns().orElseThrow().port()).isEqualTo(443);
        assertThat(settings.apns().orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.fcm().orElseThrow().endpoint()).isEqualTo(URI.create("https://fcm.googleapis.com"));
        assertThat(settings.fcm().orElseThrow().tokenEndpoint()).isEqualTo(Optional.empty());
        assertThat(settings.fcm().orElseThrow().concurrency()).isEqualTo(8);
        assertThat(settings.webPush().orElseThrow().privateKey().value()).isEqualTo(VAPID_PRIVATE);
        assertThat(settings.webPush().orElseThrow().ttl()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void shouldReadTheVapidKeyFromAFileAndNeverShowIt() throws Exception {
        Path key = Files.writeString(dir.resolve("vapid"), VAPID_PRIVATE + "\n");

        PushSettings settings = PushSettings.fromVariables(Map.of(
                "PIDGR_WEBPUSH_VAPID_PUBLIC_KEY", "BCVx", "PIDGR_WEBPUSH_VAPID_PRIVATE_KEY_FILE", key.toString(),
                "PIDGR_WEBPUSH_VAPID_SUBJECT", "mailto:ops@example.com"));

        assertThat(settings.webPush().orElseThrow().privateKey().value()).isEqualTo(VAPID_PRIVATE);
        assertThat(settings.toString()).doesNotContain(VAPID_PRIVATE).contains("[secret]");
    }

    @Test
    void shouldNameTheVariableButNotItsValueWhenAValueIsWrong() {
        assertThatThrownBy(() -> PushSettings.fromVariables(Map.of(
                "PIDGR_FCM_SERVICE_ACCOUNT_FILE", "/x.json", "PIDGR_FCM_TIMEOUT", "soon-ish")))
                .hasMessage("PIDGR_FCM_TIMEOUT must be a duration (PT10S or seconds)");
        assertThatThrownBy(() -> PushSettings.fromVariables(Map.of("PIDGR_APNS_KEY_FILE", "/k.p8")))
                .hasMessage("PIDGR_APNS_KEY_ID is required");
    }
}
