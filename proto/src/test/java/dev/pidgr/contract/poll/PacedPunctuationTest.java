package dev.pidgr.contract.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.junit.jupiter.api.Test;

class PacedPunctuationTest {

    private static final Duration BUSY = Duration.ofMillis(10);
    private static final Duration QUIET = Duration.ofSeconds(1);

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private final List<Long> ticks = new ArrayList<>();
    private boolean workSoon = true;

    private PacedPunctuation schedule(Duration busy, Duration quiet) {
        return PacedPunctuation.schedule(context, busy, quiet, now -> {
            ticks.add(now);
            return workSoon;
        });
    }

    /** A punctuation whose one tick, at {@code now}, found no work coming: it ticks at the quiet interval. */
    private PacedPunctuation quietAfterATickAt(long now) {
        PacedPunctuation punctuation = schedule(BUSY, QUIET);
        workSoon = false;
        live().getPunctuator().punctuate(now);
        return punctuation;
    }

    /** The one punctuation not cancelled, as Kafka Streams would run it. */
    private CapturedPunctuator live() {
        List<CapturedPunctuator> live =
                context.scheduledPunctuators().stream().filter(p -> !p.cancelled()).toList();
        assertThat(live).hasSize(1);
        return live.getFirst();
    }

    @Test
    void shouldTickAtTheBusyIntervalWhileTheTickHasWork() {
        PacedPunctuation punctuation = schedule(BUSY, QUIET);

        live().getPunctuator().punctuate(1_000);
        live().getPunctuator().punctuate(1_010);

        assertThat(ticks).containsExactly(1_000L, 1_010L);
        assertThat(live().getInterval()).isEqualTo(BUSY);
        assertThat(live().getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
        assertThat(punctuation.quiet()).isFalse();
        assertThat(context.scheduledPunctuators()).hasSize(1);
    }

    @Test
    void shouldTickAtTheQuietIntervalOnceATickFindsNoWorkSoon() {
        PacedPunctuation punctuation = schedule(BUSY, QUIET);
        workSoon = false;

        live().getPunctuator().punctuate(1_000);

        assertThat(punctuation.quiet()).isTrue();
        assertThat(live().getInterval()).isEqualTo(QUIET);
        assertThat(context.scheduledPunctuators()).hasSize(2);
        assertThat(context.scheduledPunctuators().getFirst().cancelled()).isTrue();

        live().getPunctuator().punctuate(2_000); // still nothing: no new schedule
        assertThat(context.scheduledPunctuators()).hasSize(2);
    }

    @Test
    void shouldTickAtTheBusyIntervalAgainWhenAQuietTickFindsWorkComing() {
        PacedPunctuation punctuation = quietAfterATickAt(1_000);

        workSoon = true;
        live().getPunctuator().punctuate(2_000);

        assertThat(punctuation.quiet()).isFalse();
        assertThat(live().getInterval()).isEqualTo(BUSY);
        assertThat(ticks).containsExactly(1_000L, 2_000L);
    }

    @Test
    void shouldTickAtTheBusyIntervalAtOnceWhenHurried() {
        PacedPunctuation punctuation = quietAfterATickAt(1_000);

        punctuation.hurry();

        assertThat(punctuation.quiet()).isFalse();
        assertThat(live().getInterval()).isEqualTo(BUSY);
        assertThat(ticks).containsExactly(1_000L); // hurrying does not tick by itself
    }

    @Test
    void shouldNotRescheduleWhenHurriedWhileBusy() {
        PacedPunctuation punctuation = schedule(BUSY, QUIET);

        punctuation.hurry();
        punctuation.hurry();

        assertThat(context.scheduledPunctuators()).hasSize(1);
        assertThat(live().getInterval()).isEqualTo(BUSY);
    }

    @Test
    void shouldTreatAQuietIntervalShorterThanTheBusyOneAsTheBusyOne() {
        schedule(Duration.ofSeconds(2), QUIET);
        workSoon = false;

        live().getPunctuator().punctuate(1_000);

        assertThat(live().getInterval()).isEqualTo(Duration.ofSeconds(2));
    }
}
