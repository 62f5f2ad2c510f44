package dev.pidgr.app.upgrade;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.Stores;

/**
 * The change an upgrade makes in this test: a processor with a state store of its own (records counted
 * per key), added under one of the topology's existing sources. Both are named explicitly, as every
 * node and store of pidgr's topologies is; renaming the store is the unsafe change.
 */
final class Probe implements Processor<String, byte[], Void, Void> {

    private final String store;
    private KeyValueStore<String, Long> counts;

    private Probe(String store) {
        this.store = store;
    }

    /** Adds processor {@code store + "-probe"} and its store {@code store} under the source {@code source}. */
    static UnaryOperator<Topology> under(String source, String store) {
        return topology -> {
            String name = store + "-probe";
            topology.addProcessor(name, () -> new Probe(store), source);
            topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store),
                    Serdes.String(), Serdes.Long()), name);
            return topology;
        };
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        counts = context.getStateStore(store);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Long count = counts.get(record.key());
        counts.put(record.key(), count == null ? 1 : count + 1);
    }

    /** What the store holds now, read through an interactive query of the running instance. */
    static Map<String, Long> counts(KafkaStreams streams, String store) {
        Map<String, Long> all = new TreeMap<>();
        try (KeyValueIterator<String, Long> it = streams.store(StoreQueryParameters
                .fromNameAndType(store, QueryableStoreTypes.<String, Long>keyValueStore())).all()) {
            it.forEachRemaining(e -> all.put(e.key, e.value));
        }
        return all;
    }
}
