package dev.pidgr.app.upgrade;

import dev.pidgr.command.CommandSettings;
import dev.pidgr.command.CommandSide;
import dev.pidgr.workflow.WorkflowProcessor;
import dev.pidgr.workflow.WorkflowSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * The two Kafka Streams roles of pidgr (command side and workflow processor) on one namespace, each on
 * its own state directory, as {@code pidgr serve} runs them; each topology optionally changed (the
 * upgrade under test). Webhooks may go to loopback addresses: the scenario's one webhook calls a port
 * nobody listens on, which fails the same way on every run.
 */
final class Pipeline implements AutoCloseable {

    /** The topologies as released, or changed. */
    record Topologies(UnaryOperator<Topology> command, UnaryOperator<Topology> workflow) {
        static final Topologies RELEASED = new Topologies(UnaryOperator.identity(), UnaryOperator.identity());
    }

    /** Where the two roles keep their local state. */
    record StateDirs(Path command, Path workflow) {
    }

    private final CommandSide commandSide;
    private final WorkflowProcessor workflow;

    Pipeline(Namespace namespace, StateDirs state, MovableClock clock, Topologies topologies) {
        commandSide = new CommandSide(config(namespace, state.command()), namespace.topics,
                CommandSettings.defaults().withAllowInsecureWebhooks(true), topologies.command());
        WorkflowSettings settings = WorkflowSettings.defaults()
                .withWebhookSecret("upgrade-test-secret".getBytes(StandardCharsets.UTF_8))
                .withAllowInsecureWebhooks(true)
                .withWebhookTiming(Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofMillis(50), 2);
        workflow = new WorkflowProcessor(config(namespace, state.workflow()), namespace.topics, settings, clock,
                topologies.workflow());
    }

    /** Starts both roles and waits until both run (stores restored). */
    Pipeline start() throws InterruptedException {
        commandSide.start();
        workflow.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!commandSide.isReady() || !workflow.isReady()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not running within 90 s: command side " + commandSide.streams().state()
                        + ", workflow " + workflow.streams().state());
            }
            Thread.sleep(20);
        }
        return this;
    }

    CommandSide commandSide() {
        return commandSide;
    }

    WorkflowProcessor workflow() {
        return workflow;
    }

    private static Properties config(Namespace namespace, Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, namespace.bootstrap);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        return p;
    }

    /** Stops both roles; they commit what they did and leave their groups. */
    @Override
    public void close() {
        workflow.close();
        commandSide.close();
    }
}
