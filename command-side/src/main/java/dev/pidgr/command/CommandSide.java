package dev.pidgr.command;

import dev.pidgr.command.kafka.CommandTopology;
import dev.pidgr.contract.Limits;
import dev.pidgr.contract.Topics;
import dev.pidgr.contract.poll.IdlePollClients;
import java.time.Duration;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command side as a running role: one Kafka Streams application ({@code <prefix>pidgr-command-side},
 * exactly_once_v2) over {@link CommandTopology}. The app passes its base Streams config (bootstrap servers,
 * state dir, commit interval, replication); this class adds what is specific to commands. Topics are
 * created by the app (TopicAdmin) before {@link #start()}.
 */
public final class CommandSide implements AutoCloseable {

    /** The application id, after the topics' namespace prefix. */
    public static final String APPLICATION_ID = "pidgr-command-side";

    private static final Logger LOG = LoggerFactory.getLogger(CommandSide.class);
    /** A command record (a whole 64 MiB request) must fit one fetch, and its dead-letter copy one produce request. */
    private static final int LARGE = Limits.MAX_DEAD_LETTER_RECORD_BYTES + 64 * 1024;

    private final KafkaStreams streams;
    private final String applicationId;

    public CommandSide(Properties baseStreamsConfig, Topics topics, CommandSettings settings) {
        this(baseStreamsConfig, topics, settings, UnaryOperator.identity());
    }

    /**
     * With a change to the topology: the upgrade test's seam (app's {@code UpgradeTest}, docs/operations.md
     * "Rolling upgrades"), which runs the real topology with a store and processor added.
     *
     * @param change applied to the real topology before Streams runs it; {@code identity()} in production
     */
    public CommandSide(Properties baseStreamsConfig, Topics topics, CommandSettings settings,
                       UnaryOperator<Topology> change) {
        Properties config = streamsConfig(baseStreamsConfig, topics);
        this.applicationId = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        this.streams = new KafkaStreams(change.apply(CommandTopology.build(topics, settings)), config);
        if (settings.allowInsecureWebhooks()) {
            LOG.warn("command side accepts insecure webhooks: http URLs and loopback/private literal hosts (dev mode)");
        }
    }

    /** The app's base config plus the command side's own settings. */
    public static Properties streamsConfig(Properties base, Topics topics) {
        Properties p = new Properties();
        p.putAll(base);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, topics.prefix() + APPLICATION_ID);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Kafka 4.4 asks for this opt-in (and already deprecates the flag, which becomes the behaviour in 5.0):
        // the global catalog updater then treats exceptions like the stream threads do. It skips unreadable
        // events itself.
        p.put("processing.exception.handler.global.enabled", true);
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), LARGE);
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), LARGE);
        p.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), LARGE);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BUFFER_MEMORY_CONFIG), 2L * LARGE);
        p.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "zstd");
        // A command's result is visible once its transaction commits, and the stream thread commits
        // only between polls: with the default 100 ms poll a command processed just after a commit
        // waited in the next poll (the benchmark's command-side share was 38 ms at p50). A short poll
        // makes the commit interval the bound. Quiet, a 5 ms poll is a busy loop: IdlePollClients polls for
        // 100 ms once the thread has had no command for a second (a poll returns as soon as one arrives).
        p.putIfAbsent(StreamsConfig.POLL_MS_CONFIG, 5);
        IdlePollClients.CONFIG.forEach(p::putIfAbsent);
        // Right after a commit the broker may still be writing the transaction's markers and answers the
        // next command's first send CONCURRENT_TRANSACTIONS; the producer's default retry after 100 ms made
        // that command's answer 100 ms late (the benchmark's CreateCampaign p99). The workflow does the same.
        p.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 10);
        return p;
    }

    public void start() {
        LOG.info("starting command side {}", applicationId);
        streams.start();
    }

    /** Whether the Streams application is RUNNING (every task assigned and restored). */
    public boolean isReady() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /** The Streams instance, for metrics binding and interactive queries (see StateCheck). */
    public KafkaStreams streams() {
        return streams;
    }

    /**
     * Stops processing and leaves the consumer group, so the stopped instance's partitions move at once
     * instead of after the session timeout: commands keep being answered within their deadlines.
     */
    @Override
    public void close() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        LOG.info("command side {} stopped", applicationId);
    }
}
