package dev.pidgr.gateway.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.events.v1.ReceiptOutcome;
import dev.pidgr.gateway.channel.Attempt;
import dev.pidgr.gateway.retry.RetryPolicy.Next;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(10));
    private static final Attempt TRANSIENT = new Attempt.Transient("503", Optional.empty());

    @Test
    void shouldEndAnAcceptedAttempt() {
        assertThat(policy.next(1, new Attempt.Accepted("m1"), 0.3))
                .isEqualTo(new Next.Done(ReceiptOutcome.RECEIPT_OUTCOME_ACCEPTED));
    }

    @Test
    void shouldNotRetryAFinalRefusalOrAnUnregisteredToken() {
        assertThat(policy.next(1, new Attempt.Failed("BadRequest"), 0.3))
                .isEqualTo(new Next.Done(ReceiptOutcome.RECEIPT_OUTCOME_FAILED));
        assertThat(policy.next(1, new Attempt.Unregistered("Unregistered"), 0.3))
                .isEqualTo(new Next.Done(ReceiptOutcome.RECEIPT_OUTCOME_UNREGISTERED));
    }

    @Test
    void shouldDoubleTheBackoffPerAttemptScaledByTheJitter() {
        assertThat(policy.next(1, TRANSIENT, 0.0)).isEqualTo(new Next.Retry(Duration.ofMillis(500)));
        assertThat(policy.next(2, TRANSIENT, 0.0)).isEqualTo(new Next.Retry(Duration.ofMillis(1_000)));
        assertThat(policy.next(3, TRANSIENT, 0.5)).isEqualTo(new Next.Retry(Duration.ofMillis(3_000)));
    }

    @Test
    void shouldCapTheBackoff() {
        RetryPolicy many = new RetryPolicy(50, Duration.ofSeconds(1), Duration.ofSeconds(10));

        assertThat(many.next(40, TRANSIENT, 0.0)).isEqualTo(new Next.Retry(Duration.ofSeconds(5)));
    }

    @Test
    void shouldWaitAtLeastTheRetryAfterUpToTheCap() {
        assertThat(policy.next(1, new Attempt.Transient("429", Optional.of(Duration.ofSeconds(7))), 0.0))
                .isEqualTo(new Next.Retry(Duration.ofSeconds(7)));
        assertThat(policy.next(1, new Attempt.Transient("429", Optional.of(Duration.ofHours(1))), 0.0))
                .isEqualTo(new Next.Retry(Duration.ofSeconds(10)));
    }

    @Test
    void shouldGiveUpAsFailedAfterTheLastAttempt() {
        assertThat(policy.next(4, TRANSIENT, 0.3)).isEqualTo(new Next.Done(ReceiptOutcome.RECEIPT_OUTCOME_FAILED));
    }
}
