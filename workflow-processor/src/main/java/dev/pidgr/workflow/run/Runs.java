package dev.pidgr.workflow.run;

import dev.pidgr.workflow.state.Cursor;
import dev.pidgr.workflow.state.RunSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Loads and saves runs. Specs are immutable once a campaign started and are read for every
 * interaction, so parsed specs are kept in a small cache (written through).
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

    /** The run of a campaign this processor has seen created, if any. */
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
        return Optional.of(new Run(campaignId, spec, cursor.toBuilder()));
    }

    /** A run for a campaign just created. */
    public Run create(String campaignId, RunSpec spec, Cursor cursor) {
        Run run = new Run(campaignId, spec, cursor.toBuilder());
        saveSpec(run, spec);
        return run;
    }

    /** Replaces the run's spec (before its start only). */
    public void saveSpec(Run run, RunSpec spec) {
        run.spec(spec);
        specs.put(run.campaignId(), spec);
        specCache.put(run.campaignId(), spec);
    }

    /** Saves the run's cursor. */
    public void save(Run run) {
        cursors.put(run.campaignId(), run.cursor().build());
    }
}
