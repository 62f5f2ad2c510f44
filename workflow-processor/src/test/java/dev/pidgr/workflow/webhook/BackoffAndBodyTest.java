package dev.pidgr.workflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.workflow.state.WebhookSummary;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffAndBodyTest {

    @Test
    void shouldDoubleFromOneSecondUpToTheCapWithJitterBetweenHalfAndAll() {
        Backoff lowest = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.0);
        Backoff highest = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.999_999);

        assertThat(List.of(1, 2, 3, 4, 7, 40).stream().map(highest::delayMillis).toList())
                .containsExactly(999L, 1_999L, 3_999L, 7_999L, 59_999L, 59_999L);
        assertThat(lowest.delayMillis(1)).isEqualTo(500);
        assertThat(lowest.delayMillis(4)).isEqualTo(4_000);
    }

    @Test
    void shouldWaitAtLeastARetryAfterButNeverLongerThanTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.0);

        assertThat(backoff.delayMillis(1, -1)).isEqualTo(500);
        assertThat(backoff.delayMillis(1, 7_000)).isEqualTo(7_000);
        assertThat(backoff.delayMillis(4, 1_000)).isEqualTo(4_000);
        assertThat(backoff.delayMillis(1, 3_600_000)).isEqualTo(60_000);
        assertThat(backoff.delayMillis(1, Long.MAX_VALUE)).isEqualTo(60_000);
    }

    @Test
    void shouldReadRetryAfterAsSecondsOrAnHttpDate() {
        long now = java.time.Instant.parse("2015-10-21T07:28:00Z").toEpochMilli();

        assertThat(RetryAfter.millis("120", now)).hasValue(120_000);
        assertThat(RetryAfter.millis(" 0 ", now)).hasValue(0);
        assertThat(RetryAfter.millis("99999999999999999999", now)).hasValue(Long.MAX_VALUE);
        assertThat(RetryAfter.millis("Wed, 21 Oct 2015 07:29:30 GMT", now)).hasValue(90_000);
        assertThat(RetryAfter.millis("Wed, 21 Oct 2015 07:00:00 GMT", now)).hasValue(0);
        assertThat(RetryAfter.millis("-5", now)).isEmpty();
        assertThat(RetryAfter.millis("1.5", now)).isEmpty();
        assertThat(RetryAfter.millis("tomorrow", now)).isEmpty();
        assertThat(RetryAfter.millis(null, now)).isEmpty();
    }

    @Test
    void shouldWriteTheDocumentedBody() {
        WebhookSummary summary = WebhookSummary.newBuilder()
                .setTotal(2)
                .setSent(2)
                .setAcknowledged(1)
                .setMissed(1)
                .build();
        WebhookBody.Header header = new WebhookBody.Header("c-1", "Q\"4", "hook", 1, summary);

        byte[] body = WebhookBody.page(header, 1, List.of(
                new WebhookBody.Row("d-1", "u-1", DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED, 1_000, 0, 2_500),
                new WebhookBody.Row("d-2", "u-2", DeliveryStatus.DELIVERY_STATUS_MISSED, 1_000, 0, 0)));

        assertThat(new String(body, StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"campaign_id\":\"c-1\",\"campaign_name\":\"Q\\\"4\","
                            + "\"step_id\":\"hook\",\"page\":1,\"page_count\":1,"
                            + "\"summary\":{\"total\":2,\"sent\":2,\"delivered\":0,\"read\":0,"
                            + "\"acknowledged\":1,\"missed\":1,\"failed\":0},\"deliveries\":["
                            + "{\"delivery_id\":\"d-1\",\"user_id\":\"u-1\",\"status\":\"ACKNOWLEDGED\","
                            + "\"sent_at\":\"1970-01-01T00:00:01Z\","
                            + "\"acknowledged_at\":\"1970-01-01T00:00:02.500Z\"},"
                            + "{\"delivery_id\":\"d-2\",\"user_id\":\"u-2\",\"status\":\"MISSED\","
                            + "\"sent_at\":\"1970-01-01T00:00:01Z\"}]}");
    }

    @Test
    void shouldSignTimestampDotBody() {
        WebhookSigner signer = new WebhookSigner("key".getBytes(StandardCharsets.UTF_8));

        // HMAC-SHA256("key", "1700000000.{}") computed independently (openssl dgst -sha256 -hmac key)
        assertThat(signer.signature(1_700_000_000L, "{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae");
    }
}
