package dev.pidgr.workflow;

import dev.pidgr.contract.Topics;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** A workflow processor in a JVM of its own, for tests that kill it with SIGKILL. Runs until killed. */
public final class WorkflowChild {

    private WorkflowChild() {
    }

    /** Arguments: bootstrap servers, topic namespace, state directory. */
    public static void main(String[] args) throws InterruptedException {
        Properties config = childConfig(args[0], Path.of(args[2]));
        WorkflowSettings settings = WorkflowSettings.defaults()
                .withWebhookSecret(WorkflowDriver.SECRET)
                .withBatches(50, 1 << 20);
        WorkflowProcessor processor = new WorkflowProcessor(config, Topics.withNamespace(args[1]), settings);
        processor.start();
        Thread.currentThread().join();
    }

    static Properties childConfig(String bootstrap, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        // A killed member does not leave the group: let the broker notice it soon.
        props.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 6_000);
        props.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1_000);
        return props;
    }
}
