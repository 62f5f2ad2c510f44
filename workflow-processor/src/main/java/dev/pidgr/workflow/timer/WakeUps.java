package dev.pidgr.workflow.timer;

import dev.pidgr.workflow.kafka.Keys;
import dev.pidgr.workflow.run.Run;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Timers in a store keyed by due time ({@code <due millis, 15 digits>/<campaignId>}), at most one
 * per campaign, its due time kept in the cursor. Deadlines, reminder repeats and the "next batch"
 * of a sweep (due at once) are all wake-ups; a wall-clock punctuator fires due ones. A wake-up is
 * deleted in the same transaction as its effect, so it fires once, and a late one (after a
 * restart) fires at the first punctuation.
 */
public final class WakeUps {

    private static final byte[] NOTHING = new byte[0];

    private final KeyValueStore<String, byte[]> store;

    public WakeUps(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** Wakes the run at {@code at} (replacing its pending wake-up). */
    public void schedule(Run run, long at) {
        cancel(run);
        long due = Math.max(1, at);
        store.put(Keys.wakeUp(due, run.campaignId()), NOTHING);
        run.cursor().setWakeUpAt(due);
    }

    /** Drops the run's pending wake-up, if any. */
    public void cancel(Run run) {
        long pending = run.cursor().getWakeUpAt();
        if (pending != 0) {
            store.delete(Keys.wakeUp(pending, run.campaignId()));
            run.cursor().setWakeUpAt(0);
        }
    }

    /** Up to {@code max} keys due at or before {@code now}, earliest first. */
    public List<String> due(long now, int max) {
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.range(null, Keys.wakeUpsDueBy(now))) {
            while (it.hasNext() && due.size() < max) {
                KeyValue<String, byte[]> next = it.next();
                due.add(next.key);
            }
        }
        return due;
    }

    /** Removes a fired wake-up. */
    public void delete(String key) {
        store.delete(key);
    }
}
