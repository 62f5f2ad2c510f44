package dev.pidgr.workflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.pidgr.contract.ProtobufSerde;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.state.Counts;
import dev.pidgr.workflow.state.Cursor;
import dev.pidgr.workflow.state.RunSpec;
import dev.pidgr.workflow.state.RunStatus;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** A campaign's cursor is parsed once, not per receipt: what was saved or loaded is loaded as it is. */
class RunsTest {

    private static final String CAMPAIGN = "c0000000-0000-4000-8000-0000000000a1";

    private final KeyValueStore<String, RunSpec> specs = store("specs", RunSpec.parser());
    private final KeyValueStore<String, Cursor> cursors = store("cursors", Cursor.parser());
    private final Runs runs = new Runs(specs, cursors);

    @Test
    void shouldLoadTheCursorItSavedWithoutParsingIt() {
        specs.put(CAMPAIGN, RunSpec.newBuilder().setOrganizationId("org-1").build());
        Run saved = new Run(CAMPAIGN, RunSpec.getDefaultInstance(), cursor(7));

        runs.saveCursor(saved);

        assertThat(cursors.get(CAMPAIGN)).as("written through").isEqualTo(saved.cursor());
        assertThat(runs.load(CAMPAIGN).orElseThrow().cursor()).isSameAs(saved.cursor());
    }

    @Test
    void shouldParseAStoredCursorOnceAcrossLoads() {
        specs.put(CAMPAIGN, RunSpec.newBuilder().setOrganizationId("org-1").build());
        cursors.put(CAMPAIGN, cursor(3));

        Cursor first = runs.load(CAMPAIGN).orElseThrow().cursor();
        Cursor second = runs.load(CAMPAIGN).orElseThrow().cursor();

        assertThat(first).isEqualTo(cursor(3));
        assertThat(second).isSameAs(first);
    }

    @Test
    void shouldLoadNothingForACampaignItHasNoCursorFor() {
        specs.put(CAMPAIGN, RunSpec.newBuilder().setOrganizationId("org-1").build());

        assertThat(runs.load(CAMPAIGN)).isEmpty();
    }

    private static Cursor cursor(int sent) {
        return Cursor.newBuilder().setStatus(RunStatus.RUN_STATUS_RUNNING)
                .setCounts(Counts.newBuilder().setSent(sent)).build();
    }

    private static <V extends Message> KeyValueStore<String, V> store(String name, Parser<V> parser) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), new ProtobufSerde<>(parser, name)).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }
}
