package dev.pidgr.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SequenceRaceFilterTest {

    private static final String APPEND = "[ReplicaManager broker=1] Error processing append operation on partition"
            + " pidgr-workflow-workflow-members-changelog-3";
    private static final OutOfOrderSequenceException RACE = new OutOfOrderSequenceException("Invalid sequence number"
            + " for producer 7 at offset 812 in partition pidgr-workflow-workflow-members-changelog-3: 41 (incoming"
            + " seq. number). Expected sequence 0 for transactions v2 idempotent producer with no existing state.");

    private final LoggerContext context = new LoggerContext();
    private final Logger broker = context.getLogger(SequenceRaceFilter.BROKER_LOGGER);
    private final ListAppender<ILoggingEvent> retried = new ListAppender<>();
    private long now = 1_000_000;
    private final SequenceRaceFilter filter = new SequenceRaceFilter(() -> now);

    @BeforeEach
    void watchTheWarnings() {
        retried.start();
        ((Logger) SequenceRaceFilter.RETRIED).addAppender(retried);
    }

    @AfterEach
    void stopWatching() {
        ((Logger) SequenceRaceFilter.RETRIED).detachAppender(retried);
    }

    @Test
    void shouldLogTheTransactionsV2SequenceRaceAsOneWarning() {
        FilterReply reply = filter.decide(null, broker, Level.ERROR, APPEND, null, RACE);

        assertThat(reply).isEqualTo(FilterReply.DENY);
        assertThat(retried.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).startsWith(APPEND + ": Invalid sequence number for producer 7")
                    .contains("the producer resends it, nothing is lost");
            assertThat(event.getThrowableProxy()).isNull();
        });
    }

    @Test
    void shouldLeaveAnyOtherOutOfOrderSequenceAnError() {
        OutOfOrderSequenceException gap = new OutOfOrderSequenceException("Out of order sequence number for producer"
                + " 7 at offset 9 in partition t-0: 51 (incoming seq. number), 49 (current end sequence number)");

        assertThat(filter.decide(null, broker, Level.ERROR, APPEND, null, gap)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(retried.list).isEmpty();
    }

    private static OutOfOrderSequenceException followOn(String partition) {
        return new OutOfOrderSequenceException("Out of order sequence number for producer 7 at offset 813 in"
                + " partition " + partition + ": 291 (incoming seq. number), 0 (current end sequence number)");
    }

    @Test
    void shouldLogARefusalThatFollowsTheRaceOfTheSameProducerAndPartitionAsAWarning() {
        filter.decide(null, broker, Level.ERROR, APPEND, null, RACE);
        now += 2_000;

        FilterReply reply = filter.decide(
                null, broker, Level.ERROR, APPEND, null, followOn("pidgr-workflow-workflow-members-changelog-3"));

        assertThat(reply).isEqualTo(FilterReply.DENY);
        assertThat(retried.list).hasSize(2);
        assertThat(retried.list.get(1).getFormattedMessage()).contains("291 (incoming seq. number)")
                .contains("nothing is lost");
    }

    @Test
    void shouldLeaveAnOutOfOrderRefusalOfAnotherPartitionAnError() {
        filter.decide(null, broker, Level.ERROR, APPEND, null, RACE);

        assertThat(filter.decide(null, broker, Level.ERROR, APPEND, null, followOn("pidgr.delivery.events-1")))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(retried.list).hasSize(1);
    }

    @Test
    void shouldLeaveAnOutOfOrderRefusalLongAfterTheRaceAnError() {
        filter.decide(null, broker, Level.ERROR, APPEND, null, RACE);
        now += SequenceRaceFilter.FOLLOW_ON_MILLIS + 1;

        assertThat(filter.decide(null, broker, Level.ERROR, APPEND, null,
                followOn("pidgr-workflow-workflow-members-changelog-3"))).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void shouldLeaveTheSameExceptionFromAnotherLoggerAlone() {
        Logger other = context.getLogger("kafka.server.KafkaApis");

        assertThat(filter.decide(null, other, Level.ERROR, APPEND, null, RACE)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(retried.list).isEmpty();
    }

    @Test
    void shouldBeInstalledByTheApplicationsLogbackConfiguration() throws Exception {
        LoggerContext application = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(application);

        configurator.doConfigure(getClass().getResource("/logback.xml"));

        assertThat(application.getTurboFilterList()).hasAtLeastOneElementOfType(SequenceRaceFilter.class);
    }
}
