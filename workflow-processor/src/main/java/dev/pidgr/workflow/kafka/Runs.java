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
 * specs are kept in a small cache (written through).
 */
public final class Runs {

    private static final int SPEC_CACHE_SIZE = 1024;

    private final KeyValueStore<String, RunSpec> specs;
    private final KeyValueStore<String, Cursor> cursors;
    private final Map<String, RunSpec> specCache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RunSpec> eldest) {
            return size() > SPEC_CACHE_SIZE;
        }
    };

    public Runs(KeyValueStore<String, RunSpec> specs, KeyValueStore<String, Cursor> cursors) {
        this.specs = specs;
        this.cursors = cursors;
    }

    /** The campaign's run, if the processor has seen it created. */
    public Optional<Run> load(String campaignId) {
        Cursor cursor = cursors.get(campaignId);
        if (cursor == null) {
            return Optional.empty();
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
    }
}
