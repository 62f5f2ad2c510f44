package dev.pidgr.gateway.fcm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.gateway.channel.Attempt;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FcmAnswersTest {

    @Test
    void shouldTakeTheCanonicalStatusWhenThereIsNoFcmErrorDetail() {
        String body = "{\"error\": {\"code\": 403, \"status\": \"PERMISSION_DENIED\"}}";

        assertThat(FcmAnswers.of(403, body, Optional.empty())).isEqualTo(new Attempt.Failed("PERMISSION_DENIED"));
    }

    @Test
    void shouldNameTheStatusWhenTheBodyIsNoJson() {
        assertThat(FcmAnswers.of(502, "<html>Bad Gateway</html>", Optional.of("12")))
                .isEqualTo(new Attempt.Transient("HTTP 502", Optional.of(Duration.ofSeconds(12))));
    }

    @Test
    void shouldIgnoreARetryAfterThatIsADate() {
        assertThat(FcmAnswers.of(429, "", Optional.of("Fri, 04 Dec 2026 15:00:00 GMT")))
                .isEqualTo(new Attempt.Transient("HTTP 429", Optional.empty()));
    }
}
