package dev.pidgr.localproviders.webpush;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** What the local push service answers to a push without a valid VAPID token: 403, and nothing is recorded. */
class PushServiceTest {

    @Test
    void shouldRefuseAPushWithoutAValidVapidTokenAndRecordNothing() throws Exception {
        VapidKeys keys = VapidKeys.generate();
        try (PushService service = PushService.start("mailto:ops@pidgr.example")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(service.endpoint("s1")))
                    .header("Authorization", "vapid t=not.a.jwt, k=" + keys.publicKey())
                    .header("Content-Encoding", "aes128gcm").header("TTL", "60")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})).build();

            HttpResponse<Void> answer =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());

            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(service.received()).isEmpty();
        }
    }

    @Test
    void shouldGiveVapidKeysInTheirWireSizes() throws Exception {
        VapidKeys keys = VapidKeys.generate();

        assertThat(Base64.getUrlDecoder().decode(keys.publicKey())).hasSize(65).startsWith(4);
        assertThat(Base64.getUrlDecoder().decode(keys.privateKey())).hasSize(32);
    }
}
