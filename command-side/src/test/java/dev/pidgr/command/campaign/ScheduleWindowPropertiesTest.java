package dev.pidgr.command.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.pidgr.command.decision.Violation;
import java.time.Duration;
import java.util.Optional;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** The schedule bounds, relative to the issued_at passed in, wherever the clock stands. */
class ScheduleWindowPropertiesTest {

    private static final long DAY = 86_400;
    private final ScheduleWindow window = ScheduleWindow.DEFAULT;

    private static Timestamp at(long seconds) {
        return Timestamp.newBuilder().setSeconds(seconds).build();
    }

    private Optional<Violation> check(long issuedAt, long leadSeconds) {
        return window.check(at(issuedAt + leadSeconds), at(issuedAt));
    }

    @Property
    void shouldRefuseALeadUnderAMinute(
            @ForAll @LongRange(min = 0, max = 253_000_000_000L) long issuedAt, @ForAll @LongRange(min = 1, max = 59)
            long lead) {
        assertThat(check(issuedAt, lead)).map(Violation::field).contains("start_at");
    }

    @Property
    void shouldAcceptALeadFromAMinuteTo365Days(
            @ForAll @LongRange(min = 0, max = 253_000_000_000L) long issuedAt,
            @ForAll @LongRange(min = 60, max = 365 * DAY) long lead) {
        assertThat(check(issuedAt, lead)).isEmpty();
        assertThat(window.later(at(issuedAt + lead), at(issuedAt))).isTrue();
    }

    @Property
    void shouldRefuseALeadOver365Days(
            @ForAll @LongRange(min = 0, max = 200_000_000_000L) long issuedAt,
            @ForAll @LongRange(min = 365 * DAY + 1, max = 3650 * DAY) long lead) {
        assertThat(check(issuedAt, lead)).map(Violation::field).contains("start_at");
    }

    @Property
    void shouldStartNowWhenStartAtIsNotAhead(
            @ForAll @LongRange(min = 0, max = 253_000_000_000L) long issuedAt,
            @ForAll @LongRange(min = -100 * DAY, max = 0) long lead) {
        assertThat(check(issuedAt, lead)).isEmpty();
        assertThat(window.later(at(issuedAt + lead), at(issuedAt))).isFalse();
    }

    @Example
    void shouldHoldTheBoundsToTheSecond() {
        assertThat(check(1_800_000_000L, 59)).isPresent();
        assertThat(check(1_800_000_000L, 60)).isEmpty();
        assertThat(check(1_800_000_000L, 365 * DAY)).isEmpty();
        assertThat(check(1_800_000_000L, 365 * DAY + 1)).isPresent();
        assertThat(window.later(Timestamp.getDefaultInstance(), at(1_800_000_000L))).isFalse();
    }

    @Example
    void shouldRefuseAStartAtOneNanosecondShortOfAMinute() {
        Timestamp issued = at(1_800_000_000L);
        Timestamp start = Timestamps.add(issued, com.google.protobuf.Duration.newBuilder().setSeconds(59)
                .setNanos(999_999_999).build());
        assertThat(window.check(start, issued)).isPresent();
        assertThat(new ScheduleWindow(Duration.ofSeconds(1), Duration.ofDays(1)).check(at(2), at(0))).isEmpty();
    }
}
