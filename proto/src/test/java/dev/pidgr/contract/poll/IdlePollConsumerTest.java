package dev.pidgr.contract.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class IdlePollConsumerTest {

    private static final Duration STREAMS_POLL = Duration.ofMillis(5);
    private static final long T0 = 1_000_000_000_000L;

    private final AtomicLong nanoTime = new AtomicLong(T0);

    @Test
    void shouldPollShortRightAfterAPunctuationMarkedWorkOnItsThread() {
        try (IdlePollConsumer consumer = consumer()) {
            PollActivity.mark(T0);
            nanoTime.set(T0 + Duration.ofMillis(20).toNanos());

            assertThat(consumer.nextTimeout(STREAMS_POLL)).isEqualTo(STREAMS_POLL);
        }
    }

    @Test
    void shouldPollForTheIdleTimeASecondAfterTheLastWork() {
        try (IdlePollConsumer consumer = consumer()) {
            PollActivity.mark(T0);
            nanoTime.set(T0 + Duration.ofSeconds(1).toNanos());

            assertThat(consumer.nextTimeout(STREAMS_POLL)).isEqualTo(IdlePoll.DEFAULT.idle());
        }
    }

    @Test
    void shouldSeeOnlyTheWorkOfItsOwnThread() throws InterruptedException {
        try (IdlePollConsumer consumer = consumer()) {
            PollActivity.mark(T0 - Duration.ofSeconds(5).toNanos());
            Thread other = Thread.ofPlatform().start(() -> PollActivity.mark(T0));
            other.join();

            assertThat(consumer.nextTimeout(STREAMS_POLL)).isEqualTo(IdlePoll.DEFAULT.idle());
        }
    }

    @Test
    void shouldBeTheSupplierTheRolesNameInTheirStreamsConfig() {
        assertThat(IdlePollClients.CONFIG)
                .containsEntry(StreamsConfig.DEFAULT_CLIENT_SUPPLIER_CONFIG, IdlePollClients.class);
    }

    /** No broker is needed: the consumer connects only when it polls, and these tests never do. */
    private IdlePollConsumer consumer() {
        return new IdlePollConsumer(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9",
                ConsumerConfig.GROUP_ID_CONFIG, "idle-poll-test"), IdlePoll.DEFAULT, nanoTime::get);
    }
}
