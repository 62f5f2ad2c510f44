package dev.pidgr.gateway.apns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.gateway.channel.Attempt;
import java.net.ConnectException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApnsAnswersTest {

    @Test
    void shouldCallAnExpiredTokenUnregisteredAndOtherBadRequestsFailed() {
        assertThat(ApnsAnswers.of(410, "ExpiredToken", null)).isEqualTo(new Attempt.Unregistered("ExpiredToken"));
        assertThat(ApnsAnswers.of(400, "BadTopic", null)).isEqualTo(new Attempt.Failed("BadTopic"));
        assertThat(ApnsAnswers.of(413, "PayloadTooLarge", null)).isEqualTo(new Attempt.Failed("PayloadTooLarge"));
    }

    @Test
    void shouldRetryAServiceUnavailableAndABrokenConnection() {
        assertThat(ApnsAnswers.of(503, "ServiceUnavailable", null))
                .isEqualTo(new Attempt.Transient("ServiceUnavailable", Optional.empty()));
        assertThat(ApnsAnswers.ofFailure(new ConnectException("refused")))
                .isEqualTo(new Attempt.Transient("no answer from APNs: ConnectException", Optional.empty()));
    }
}
