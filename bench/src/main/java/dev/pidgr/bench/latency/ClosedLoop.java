package dev.pidgr.bench.latency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/** {@code callers} threads each calling as fast as answers come back (saturation), for a while. */
public final class ClosedLoop {

    /** One blocking call; {@code index} counts calls across callers. */
    @FunctionalInterface
    public interface Call {
        void call(long index) throws Exception;
    }

    /**
     * @param latencies    where each successful call's latency goes, in microseconds
     * @param calls        calls completed (successfully) per second over the whole phase
     * @param errors       calls that failed
     */
    public record Outcome(Histogram latencies, double calls, long errors) {
    }

    private ClosedLoop() {
    }

    public static Outcome run(int callers, Duration length, Call call) throws InterruptedException {
        Histogram latencies = Percentiles.newHistogram();
        AtomicLong index = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            threads.add(Thread.ofPlatform().name("bench-caller-" + c).start(() -> {
                while (System.nanoTime() < end) {
                    long began = System.nanoTime();
                    try {
                        call.call(index.getAndIncrement());
                        latencies.recordValue(Math.max(1, (System.nanoTime() - began) / 1_000));
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome(latencies, latencies.getTotalCount() / seconds, errors.get());
    }
}
