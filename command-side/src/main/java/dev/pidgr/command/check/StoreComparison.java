package dev.pidgr.command.check;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.pidgr.command.kafka.StoreKeys;
import dev.pidgr.command.store.CatalogLatest;
import dev.pidgr.command.store.CatalogVersion;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Compares store contents with the fold, both ways, describing each difference for an operator. */
final class StoreComparison {

    private final List<String> problems = new ArrayList<>();

    List<String> problems() {
        return problems;
    }

    /** Aggregate states: every folded one the instance owns must be stored equal, and nothing else stored. */
    <S extends Record> void states(String kind, Map<String, S> expected, ReadOnlyKeyValueStore<String, byte[]> store,
                                   Function<byte[], S> decode, Ownership ownership) {
        for (Map.Entry<String, S> e : expected.entrySet()) {
            if (!ownership.owns(e.getKey())) {
                continue;
            }
            byte[] stored = store.get(e.getKey());
            if (stored == null) {
                problems.add(kind + " " + e.getKey() + ": in the events but not in the store");
            } else if (!decode.apply(stored).equals(e.getValue())) {
                problems.add(kind + " " + e.getKey() + ": store and events differ in "
                        + differences(decode.apply(stored), e.getValue()));
            }
        }
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining(kv -> {
                if (!StoreKeys.isAudienceChunk(kv.key) && !expected.containsKey(kv.key)) {
                    problems.add(kind + " " + kv.key + ": in the store but without events");
                }
            });
        }
    }

    /** Audience chunks: the stored chunk keys must be exactly those the events wrote. */
    void chunkKeys(Set<String> expected, ReadOnlyKeyValueStore<String, byte[]> store) {
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining(kv -> {
                if (StoreKeys.isAudienceChunk(kv.key) && !expected.contains(kv.key)) {
                    problems.add("audience chunk " + kv.key + ": in the store but not in the events");
                }
            });
        }
    }

    void chunk(String key, byte[] expected, ReadOnlyKeyValueStore<String, byte[]> store) {
        byte[] stored = store.get(key);
        if (stored == null) {
            problems.add("audience chunk " + key + ": in the events but not in the store");
        } else if (!Arrays.equals(stored, expected)) {
            problems.add("audience chunk " + key + ": store and events differ");
        }
    }

    /** The global catalog holds every version of every template, on every instance. */
    void catalog(Map<String, byte[]> expected, ReadOnlyKeyValueStore<String, byte[]> store) {
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            byte[] stored = store.get(e.getKey());
            if (stored == null || !catalogValue(e.getKey(), stored).equals(catalogValue(e.getKey(), e.getValue()))) {
                problems.add("catalog entry " + e.getKey() + ": "
                        + (stored == null ? "missing" : "differs from the events"));
            }
        }
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining((KeyValue<String, byte[]> kv) -> {
                if (!expected.containsKey(kv.key)) {
                    problems.add("catalog entry " + kv.key + ": in the store but not in the events");
                }
            });
        }
    }

    private static Object catalogValue(String key, byte[] bytes) {
        try {
            return key.endsWith("/latest") ? CatalogLatest.parseFrom(bytes) : CatalogVersion.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            return "unreadable";
        }
    }

    private static String differences(Record stored, Record folded) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : folded.getClass().getRecordComponents()) {
            try {
                if (!Objects.equals(c.getAccessor().invoke(stored), c.getAccessor().invoke(folded))) {
                    names.add(c.getName());
                }
            } catch (ReflectiveOperationException e) {
                names.add(c.getName() + " (unreadable)");
            }
        }
        return String.join(", ", names);
    }
}
