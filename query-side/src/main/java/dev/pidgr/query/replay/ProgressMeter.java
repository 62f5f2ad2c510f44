package dev.pidgr.query.replay;

import dev.pidgr.query.ReplayListener;
import dev.pidgr.query.projection.EndOffsets;
import dev.pidgr.query.projection.ProjectorSet;
import dev.pidgr.query.projection.StoredOffsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Runs a replay's projectors up to a target while reporting progress about once a second. */
public final class ProgressMeter {

    private final ProjectorSet projectors;
    private final ReplayListener listener;
    private final long startedAt = System.nanoTime();

    public ProgressMeter(ProjectorSet projectors, ReplayListener listener) {
        this.projectors = projectors;
        this.listener = listener;
    }

    public void runUntil(ReplayListener.Phase phase, Map<TopicPartition, Long> target) throws InterruptedException {
        Thread worker = Thread.ofPlatform().name("pidgr-replay-" + phase.name().toLowerCase()).start(() -> {
            try {
                projectors.runUntil(target);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            do {
                worker.join(1_000);
                report(phase, target);
            } while (worker.isAlive());
        } catch (InterruptedException e) {
            projectors.stop();
            throw e;
        }
        if (!StoredOffsets.reached(projectors.positions(), target)) {
            throw new IllegalStateException("replay stopped before reaching its target");
        }
    }

    public void report(ReplayListener.Phase phase, Map<TopicPartition, Long> target) {
        Map<TopicPartition, Long> positions = projectors.positions();
        long done = 0;
        for (Map.Entry<TopicPartition, Long> t : target.entrySet()) {
            done += Math.min(t.getValue(), positions.getOrDefault(t.getKey(), 0L));
        }
        long total = EndOffsets.sum(target);
        double seconds = Math.max(1e-3, (System.nanoTime() - startedAt) / 1e9);
        double rate = done / seconds;
        listener.progress(new ReplayListener.Progress(phase, done, total, rate, remaining(done, total, rate)));
    }

    /**
     * The time left at the rate so far; zero (unknown) when done, and until 1% is done: the first
     * second mostly starts the projectors, and its rate would promise hours.
     */
    public static Duration remaining(long done, long total, double rate) {
        if (rate <= 0 || done >= total || done < total / 100) {
            return Duration.ZERO;
        }
        return Duration.ofMillis((long) ((total - done) / rate * 1000));
    }
}
