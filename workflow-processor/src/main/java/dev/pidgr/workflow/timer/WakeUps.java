package dev.pidgr.workflow.timer;

import dev.pidgr.workflow.kafka.Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Timers in a store keyed by due time ({@code <due millis, 15 digits>/<campaignId>}), at most one per campaign,
 * and one more for its nudge ({@code .../<campaignId>/nudge}), each due time kept in the cursor (a decision sets
 * the cursor's; the applier moves the timer to match).
 * Deadlines, reminder repeats and the "next batch" of a sweep (due at once) are all wake-ups; a wall-clock
 * punctuator fires due ones. A wake-up is deleted in the same transaction as its effect, so it fires once, and a
 * late one (after a restart) fires at the first punctuation.
 */
public final class WakeUps {

    private static final byte[] NOTHING = new byte[0];

    private final KeyValueStore<String, byte[]> store;

    public WakeUps(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** Moves the campaign's wake-up from {@code from} to {@code to} (0: none). */
    public void move(String campaignId, long from, long to) {
        move(from, to, due -> Keys.wakeUp(due, campaignId));
    }

    /** Moves the campaign's nudge wake-up from {@code from} to {@code to} (0: none). */
    public void moveNudge(String campaignId, long from, long to) {
        move(from, to, due -> Keys.nudgeWakeUp(due, campaignId));
    }

    private void move(long from, long to, LongFunction<String> key) {
        if (from == to) {
            return;
        }
        if (from != 0) {
            store.delete(key.apply(from));
        }
        if (to != 0) {
            store.put(key.apply(to), NOTHING);
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

    /** Whether a wake-up is due at or before {@code epochMillis} (one read: keys sort by due time). */
    public boolean anyDueBy(long epochMillis) {
        try (KeyValueIterator<String, byte[]> it = store.range(null, Keys.wakeUpsDueBy(epochMillis))) {
            return it.hasNext();
        }
    }

    /** Removes a fired wake-up. */
    public void delete(String key) {
        store.delete(key);
    }
}
