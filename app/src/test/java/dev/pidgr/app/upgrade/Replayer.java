package dev.pidgr.app.upgrade;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Runs a stream into a namespace step by step. Recording: the scenario's steps, each done when its
 * condition holds; every record read is kept with the step it appeared in. Replaying: the recorded
 * inputs of each step, each done when every topic holds at least as many records as the recording
 * had by the end of that step. Either way the workflow's clock moves where the recording moved it.
 */
final class Replayer {

    private final Namespace namespace;
    private final MovableClock clock;
    private int seen;

    Replayer(Namespace namespace, MovableClock clock) {
        this.namespace = namespace;
        this.clock = clock;
    }

    /** Runs the scenario's steps (the pipeline running); returns what was read during each, inputs marked. */
    List<StreamRecord> record(List<Scenario.Step> steps) throws Exception {
        List<StreamRecord> recording = new ArrayList<>();
        List<StreamRecord> inputs = inputs(steps);
        for (int i = 0; i < steps.size(); i++) {
            Scenario.Step step = steps.get(i);
            if (!step.clock().isZero()) {
                clock.advance(step.clock());
                recording.add(StreamRecord.clock(i + 1, step.clock().toMillis()));
            }
            for (StreamRecord input : step.inputs()) {
                namespace.write(input);
            }
            recording.addAll(step.inputs());
            List<StreamRecord> read = namespace.readUntil(step.what(), step.done());
            recording.addAll(outputs(read.subList(seen, read.size()), inputs, i + 1));
            seen = read.size();
        }
        return recording;
    }

    /** After the pipeline stopped: whatever was committed after the last step's condition held. */
    List<StreamRecord> rest(List<Scenario.Step> steps) {
        List<StreamRecord> read = namespace.readAll();
        return outputs(read.subList(seen, read.size()), inputs(steps), steps.size());
    }

    private static List<StreamRecord> inputs(List<Scenario.Step> steps) {
        return steps.stream().flatMap(s -> s.inputs().stream()).toList();
    }

    private static List<StreamRecord> outputs(List<StreamRecord> read, List<StreamRecord> inputs, int step) {
        return read.stream().filter(r -> inputs.stream().noneMatch(r::sameRecord))
                .map(r -> r.withStep(step, false)).toList();
    }

    /** Replays the recorded steps {@code from} to {@code to} (inclusive) into the running pipeline. */
    void replay(List<StreamRecord> recording, int from, int to) throws Exception {
        for (int step = from; step <= to; step++) {
            for (StreamRecord line : recording) {
                if (line.step() == step && line.isClock()) {
                    clock.advance(Duration.ofMillis(line.clockMillis()));
                } else if (line.step() == step && line.input()) {
                    namespace.write(line);
                }
            }
            Map<String, Long> expected = countsByTopic(recording, step);
            namespace.readUntil("the records of step " + step + " " + expected,
                    read -> atLeast(countsByTopic(read, Integer.MAX_VALUE), expected));
        }
    }

    private static boolean atLeast(Map<String, Long> counts, Map<String, Long> expected) {
        return expected.entrySet().stream().allMatch(e -> counts.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    /** Records per topic up to the end of {@code step} (clock lines are no records). */
    private static Map<String, Long> countsByTopic(List<StreamRecord> records, int step) {
        return records.stream().filter(r -> !r.isClock() && r.step() <= step)
                .collect(Collectors.groupingBy(StreamRecord::topic, Collectors.counting()));
    }

    /** The records of each topic and key in order: the order Kafka promises (per partition, so per key). */
    static Map<String, List<String>> byTopicAndKey(List<StreamRecord> records) {
        return records.stream().filter(r -> !r.isClock()).collect(Collectors.groupingBy(
                r -> r.topic() + " " + r.key(), TreeMap::new,
                Collectors.mapping(Contract::normalised, Collectors.toList())));
    }
}
