package dev.pidgr.workflow;

import dev.pidgr.contract.Topics;
import dev.pidgr.contract.poll.IdlePollClients;
import dev.pidgr.workflow.webhook.KafkaWebhookResultSink;
import dev.pidgr.workflow.webhook.WebhookDispatcher;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflow role: the {@link WorkflowTopology} on Kafka Streams plus the webhook dispatcher and
 * its result producer. Construct, {@link #start()}, poll {@link #isReady()}, {@link #close()}.
 */
public final class WorkflowProcessor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowProcessor.class);

    /** A webhook page's changelog record can be a few MB (1,000 deliveries with long user ids). */
    static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024 + 64 * 1024;

    private final KafkaWebhookResultSink resultSink;
    private final WebhookDispatcher dispatcher;
    private final KafkaStreams streams;

    /**
     * @param baseStreamsConfig the app's Streams config (bootstrap.servers, state.dir, exactly_once_v2,
     *                          commit.interval.ms, replication); application.id is set here
     */
    public WorkflowProcessor(Properties baseStreamsConfig, Topics topics, WorkflowSettings settings) {
        this(baseStreamsConfig, topics, settings, Time.SYSTEM);
    }

    /** With the clock Kafka Streams (and so every wake-up) runs on: tests move it forward. */
    WorkflowProcessor(Properties baseStreamsConfig, Topics topics, WorkflowSettings settings, Time time) {
        this(baseStreamsConfig, topics, settings, time, UnaryOperator.identity());
    }

    /**
     * With a clock and a change to the topology: the upgrade test's seam (app's {@code UpgradeTest},
     * docs/operations.md "Rolling upgrades"), which runs the real topology with a store and processor
     * added, or renamed, on the state an unchanged one left.
     *
     * @param change applied to the real topology before Streams runs it; {@code identity()} in production
     */
    public WorkflowProcessor(Properties baseStreamsConfig, Topics topics, WorkflowSettings settings, Time time,
                             UnaryOperator<Topology> change) {
        if (settings.webhookSecret().length == 0) {
            throw new IllegalArgumentException("the workflow processor needs a webhook secret");
        }
        Properties props = streamsConfig(baseStreamsConfig, topics);
        this.resultSink =
                new KafkaWebhookResultSink(producerConfig(baseStreamsConfig, settings), topics.webhookResults());
        this.dispatcher = new WebhookDispatcher(settings, resultSink);
        try {
            Topology topology = change.apply(WorkflowTopology.build(topics, settings, dispatcher));
            this.streams = new KafkaStreams(topology, props, time);
        } catch (RuntimeException e) {
            dispatcher.close();
            resultSink.close();
            throw e;
        }
        // A failure here is a bug, not bad input (that is parked): stop the role so that it shows, instead of looping.
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("The workflow processor's stream thread failed; the role stops", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        if (settings.allowInsecureWebhooks()) {
            LOG.warn("Insecure webhooks allowed: plain http and local or private addresses can be called");
        }
    }

    /** Starts processing (returns at once; see {@link #isReady()}). */
    public void start() {
        streams.start();
    }

    /** Whether the stores are restored and the role is processing. */
    public boolean isReady() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /** The Streams runtime (for metrics and state listeners). */
    public KafkaStreams streams() {
        return streams;
    }

    /**
     * Stops processing, leaving the group so that another instance takes the partitions over at
     * once; then the dispatcher (pages in flight stay pending and are sent again later).
     */
    @Override
    public void close() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        dispatcher.close();
        resultSink.close();
    }

    static Properties streamsConfig(Properties base, Topics topics) {
        Properties props = new Properties();
        props.putAll(base);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, topics.prefix() + "pidgr-workflow");
        // The fan-out runs in punctuations: an idle input must not hold the loop in poll() for long while
        // a punctuation has work (it marks PollActivity); quiet for a second, the thread polls for 100 ms.
        props.putIfAbsent(StreamsConfig.POLL_MS_CONFIG, 5);
        IdlePollClients.CONFIG.forEach(props::putIfAbsent);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), MAX_REQUEST_BYTES);
        // The template loader handles its own bad records; opt in to Kafka 5's default now.
        props.putIfAbsent("processing.exception.handler.global.enabled", true);
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // Right after a commit the broker may still be completing the transaction and answers the
        // next batch with CONCURRENT_TRANSACTIONS; retrying after 100 ms (the default) stalls the
        // fan-out after every commit.
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 10);
        return props;
    }

    private static Map<String, Object> producerConfig(Properties base, WorkflowSettings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, base.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "pidgr-workflow-webhook-results");
        config.putAll(settings.webhookProducerConfig());
        return config;
    }
}
