package dev.pidgr.gateway.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.events.v1.Channel;
import dev.pidgr.gateway.channel.ChannelSender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushSendersTest {

    /** RFC 8291's example key pair (user agent's side), valid P-256 keys. */
    private static final String VAPID_PUBLIC =
            "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";

    @TempDir
    Path dir;

    @Test
    void shouldStartNoSenderWithoutProviders() {
        try (PushSenders push = PushSenders.fromSettings(PushSettings.fromVariables(Map.of()))) {
            assertThat(push.senders()).isEmpty();
        }
    }

    @Test
    void shouldStartOneSenderPerConfiguredProvider() throws Exception {
        Map<String, String> variables = Map.of(
                "PIDGR_APNS_KEY_FILE", apnsKey().toString(), "PIDGR_APNS_KEY_ID", "KEY1234567",
                "PIDGR_APNS_TEAM_ID", "TEAM123456", "PIDGR_APNS_TOPIC", "dev.pidgr.app",
                "PIDGR_FCM_SERVICE_ACCOUNT_FILE", serviceAccount().toString(),
                "PIDGR_WEBPUSH_VAPID_PUBLIC_KEY", VAPID_PUBLIC,
                "PIDGR_WEBPUSH_VAPID_PRIVATE_KEY", "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94",
                "PIDGR_WEBPUSH_VAPID_SUBJECT", "mailto:ops@pidgr.example");

        try (PushSenders push = PushSenders.fromSettings(PushSettings.fromVariables(variables))) {
            assertThat(push.senders()).extracting(ChannelSender::channel)
                    .containsExactly(Channel.CHANNEL_APNS, Channel.CHANNEL_FCM, Channel.CHANNEL_WEB_PUSH);
        }
    }

    private Path apnsKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        String der = Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        return Files.writeString(dir.resolve("apns.p8"),
                "-----BEGIN PRIVATE KEY-----\n" + der + "\n-----END PRIVATE KEY-----\n");
    }

    private Path serviceAccount() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String der = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
        return Files.writeString(dir.resolve("fcm.json"), "{\"type\": \"service_account\", \"project_id\": \"p\", "
                + "\"private_key_id\": \"k\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n" + der
                + "\\n-----END PRIVATE KEY-----\\n\", \"client_email\": \"a@p.iam.gserviceaccount.com\", "
                + "\"client_id\": \"1\", \"token_uri\": \"https://oauth2.googleapis.com/token\"}");
    }
}
