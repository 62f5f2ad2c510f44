package dev.pidgr.app.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.app.upgrade.Pipeline.StateDirs;
import dev.pidgr.app.upgrade.Pipeline.Topologies;
import dev.pidgr.command.CommandSide;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The upgrade promise of docs/operations.md ("Rolling upgrades"): a stream of every command and event
 * type, as this version writes them ({@link RecordedStream}), is read by this code into the same
 * outputs, also when the processors are stopped halfway and started again with a changed topology.
 * Re-record after adding a command or event type (the first test fails until then):
 * {@code ./mvnw -B -q -pl app -am verify -Dtest=UpgradeTest -Dpidgr.record=true
 * -Dsurefire.failIfNoSpecifiedTests=false}, and commit the new recording.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeTest {

    private static final int PARTITIONS = 2;
    /** Steps run before the upgrade: both walks wait at their deadline step, the interactions applied. */
    private static final int BEFORE_UPGRADE = 5;
    /** The sources the probes hang under (node names of CommandTopology and WorkflowTopology). */
    private static final String COMMANDS_SOURCE = "campaign-commands";
    private static final String EVENTS_SOURCE = "campaign-events";
    /** The workflow's Kafka Streams application id after the namespace (docs/events.md). */
    private static final String WORKFLOW_APPLICATION_ID = "pidgr-workflow";
    private static final String EVENTS_TOPIC = Contract.TOPICS.campaignEvents().name();
    private static final String COMMANDS_TOPIC = Contract.TOPICS.campaignCommands().name();
    @Test
    @Order(1)
    @EnabledIfSystemProperty(named = "pidgr.record", matches = "true")
    void recordTheStream() throws Exception {
        List<Scenario.Step> steps = Scenario.steps();
        try (Namespace namespace = new Namespace(PARTITIONS)) {
            MovableClock clock = new MovableClock();
            Replayer replayer = new Replayer(namespace, clock);
            List<StreamRecord> recording;
            try (Pipeline pipeline = new Pipeline(namespace, fresh(), clock, Topologies.RELEASED).start()) {
                recording = new ArrayList<>(replayer.record(steps));
            }
            recording.addAll(replayer.rest(steps));
            RecordedStream.write(recording);
        }
    }

    @Test
    @Order(2)
    void shouldHoldEveryCommandAndEventTypeThisVersionKnows() throws Exception {
        Set<String> present = new HashSet<>();
        RecordedStream.read().stream().filter(r -> !r.isClock())
                .forEach(r -> TypeCoverage.present(Contract.parse(r), present));

        Set<String> missing = new TreeSet<>(TypeCoverage.possible(Contract.envelopes()));
        missing.removeAll(present);

        assertThat(missing).as("types missing from %s: record it again (see this class's comment)",
                RecordedStream.FILE).isEmpty();
    }

    @Test
    @Order(3)
    void shouldReplayTheRecordedStreamIntoTheRecordedOutputs() throws Exception {
        List<StreamRecord> recording = RecordedStream.read();
        try (Namespace namespace = new Namespace(PARTITIONS)) {
            MovableClock clock = new MovableClock();
            try (Pipeline pipeline = new Pipeline(namespace, fresh(), clock, Topologies.RELEASED).start()) {
                new Replayer(namespace, clock).replay(recording, 1, lastStep(recording));
            }

            assertAsRecorded(namespace.readAll(), recording);
        }
    }

    @Test
    @Order(4)
    void shouldResumeEveryWalkWhenAnUpgradeAddsAStoreAndAProcessor() throws Exception {
        List<StreamRecord> recording = RecordedStream.read();
        StateDirs state = fresh();
        try (Namespace namespace = new Namespace(PARTITIONS)) {
            MovableClock clock = new MovableClock();
            Replayer replayer = new Replayer(namespace, clock);
            try (Pipeline before = new Pipeline(namespace, state, clock, Topologies.RELEASED).start()) {
                replayer.replay(recording, 1, BEFORE_UPGRADE);
                quiesce(namespace);
            }
            List<StreamRecord> atUpgrade = namespace.readAll();
            Map<String, Long> added;
            try (Pipeline after = new Pipeline(namespace, state, clock, probes("added")).start()) {
                replayer.replay(recording, BEFORE_UPGRADE + 1, lastStep(recording));
                quiesce(namespace);
                added = Probe.counts(after.workflow().streams(), "added-events");
            }

            List<StreamRecord> all = namespace.readAll();
            assertAsRecorded(all, recording);
            assertThat(added).isEqualTo(Streams.countsByKey(all, EVENTS_TOPIC, atUpgrade.size()));
        }
    }

    @Test
    @Order(5)
    void shouldRestoreEveryStoreFromItsChangelogAndLoseOnlyARenamedOne() throws Exception {
        List<StreamRecord> recording = RecordedStream.read();
        try (Namespace namespace = new Namespace(PARTITIONS)) {
            MovableClock clock = new MovableClock();
            Replayer replayer = new Replayer(namespace, clock);
            try (Pipeline before = new Pipeline(namespace, fresh(), clock, probes("kept", "before")).start()) {
                replayer.replay(recording, 1, BEFORE_UPGRADE);
                quiesce(namespace);
            }
            List<StreamRecord> atUpgrade = namespace.readAll();
            Map<String, Long> kept;
            Map<String, Long> renamed;
            try (Pipeline after = new Pipeline(namespace, fresh(), clock, probes("kept", "after")).start()) {
                replayer.replay(recording, BEFORE_UPGRADE + 1, lastStep(recording));
                quiesce(namespace);
                kept = Probe.counts(after.commandSide().streams(), "kept-commands");
                renamed = Probe.counts(after.commandSide().streams(), "after-commands");
            }

            List<StreamRecord> all = namespace.readAll();
            assertAsRecorded(all, recording);
            assertThat(kept).isEqualTo(Streams.countsByKey(all, COMMANDS_TOPIC, 0));
            assertThat(renamed).isEqualTo(Streams.countsByKey(all, COMMANDS_TOPIC, atUpgrade.size()));
        }
    }

    private static Topologies probes(String... names) {
        UnaryOperator<Topology> commands = UnaryOperator.identity();
        UnaryOperator<Topology> events = UnaryOperator.identity();
        for (String name : names) {
            UnaryOperator<Topology> c = commands;
            UnaryOperator<Topology> e = events;
            commands = t -> Probe.under(COMMANDS_SOURCE, name + "-commands").apply(c.apply(t));
            events = t -> Probe.under(EVENTS_SOURCE, name + "-events").apply(e.apply(t));
        }
        return new Topologies(commands, events);
    }

    private static void quiesce(Namespace namespace) throws Exception {
        String commandSide = namespace.topics.prefix() + CommandSide.APPLICATION_ID;
        String workflow = namespace.topics.prefix() + WORKFLOW_APPLICATION_ID;
        var topics = namespace.topics;
        namespace.awaitConsumed(commandSide, List.of(topics.campaignCommands(), topics.templateCommands()));
        namespace.awaitConsumed(workflow,
                List.of(topics.campaignEvents(), topics.deliveryInteractions(), topics.webhookResults()));
        namespace.awaitConsumed(commandSide, List.of(topics.campaignCommands(), topics.templateCommands()));
    }

    private static void assertAsRecorded(List<StreamRecord> replayed, List<StreamRecord> recording) {
        assertThat(Replayer.byTopicAndKey(replayed)).isEqualTo(Replayer.byTopicAndKey(recording));
        Streams.assertNothingRepeated(replayed);
    }

    private static int lastStep(List<StreamRecord> recording) {
        return recording.stream().mapToInt(StreamRecord::step).max().orElseThrow();
    }

    private static StateDirs fresh() throws IOException {
        return new StateDirs(Files.createTempDirectory("upgrade-command"),
                Files.createTempDirectory("upgrade-workflow"));
    }
}
