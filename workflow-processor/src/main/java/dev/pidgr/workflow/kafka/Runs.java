package dev.pidgr.workflow.kafka;

import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.state.Cursor;
import dev.pidgr.workflow.state.RunSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Loads and saves runs. Specs are immutable once a campaign started and are read for every interaction, so parsed
 * specs are kept in a small cache (written through). Cursors change with every receipt and interaction, so the
 * cursors last loaded or saved are kept parsed too (written through to the store, whose own cache then writes the
 * changelog once per commit, not once per input: {@link WorkflowStores}). This is the only writer of both stores,
 * and a new instance comes with every task (re)initialization, so the caches never hold what the store does not.
 */
public final class Runs {

    private static final int CACHE_SIZE = 1024;

    private final KeyValueStore<String, RunSpec> specs;
    private final KeyValueStore<String, Cursor> cursors;
    private final Map<String, RunSpec> specCache = lru();
    private final Map<String, Cursor> cursorCache = lru();

    public Runs(KeyValueStore<String, RunSpec> specs, KeyValueStore<String, Cursor> cursors) {
        this.specs = specs;
        this.cursors = cursors;
    }

    /** The campaign's run, if the processor has seen it created. */
    public Optional<Run> load(String campaignId) {
        Cursor cursor = cursorCache.get(campaignId);
        if (cursor == null) {
            cursor = cursors.get(campaignId);
            if (cursor == null) {
                return Optional.empty();
            }
            cursorCache.put(campaignId, cursor);
        }
        RunSpec spec = specCache.get(campaignId);
        if (spec == null) {
            spec = specs.get(campaignId);
            if (spec == null) {
                return Optional.empty();
            }
            specCache.put(campaignId, spec);
        }
        return Optional.of(new Run(campaignId, spec, cursor));
    }

    /** Replaces the campaign's spec (before its start only). */
    public void saveSpec(String campaignId, RunSpec spec) {
        specs.put(campaignId, spec);
        specCache.put(campaignId, spec);
    }

    /** Saves the run's cursor. */
    public void saveCursor(Run run) {
        cursors.put(run.campaignId(), run.cursor());
        cursorCache.put(run.campaignId(), run.cursor());
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > CACHE_SIZE;
            }
        };
    }
}
