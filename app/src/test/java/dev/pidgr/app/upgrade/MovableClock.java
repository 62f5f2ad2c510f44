package dev.pidgr.app.upgrade;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Time;

/**
 * The system clock plus an offset the scenario moves forward (a deadline of 30 minutes passes at once).
 * The workflow processor's Kafka Streams runs on it, so every wake-up does; the monotonic clock is
 * left alone, so timeouts measured with it stay true. Keep the offset under an hour: the records the
 * workflow writes carry its clock, and the broker refuses timestamps more than an hour ahead of its own
 * ({@code message.timestamp.after.max.ms}), which stops the role.
 */
final class MovableClock implements Time {

    private final AtomicLong offset = new AtomicLong();

    void advance(Duration by) {
        offset.addAndGet(by.toMillis());
    }

    @Override
    public long milliseconds() {
        return Time.SYSTEM.milliseconds() + offset.get();
    }

    @Override
    public long nanoseconds() {
        return Time.SYSTEM.nanoseconds();
    }

    @Override
    public void sleep(long ms) {
        Time.SYSTEM.sleep(ms);
    }

    @Override
    public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs) throws InterruptedException {
        Time.SYSTEM.waitObject(obj, condition, deadlineMs - offset.get());
    }
}
