package dev.pidgr.api.gateway;

import com.google.protobuf.Message;
import dev.pidgr.api.grpc.ApiErrors;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.contract.Topic;
import dev.pidgr.contract.Topics;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.TemplateCommand;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends command envelopes to the command topics, keyed by aggregate id, and waits for each one's
 * result on {@code pidgr.command.results}. Kafka that cannot take the command within 5 s (or the
 * deadline, if sooner) is UNAVAILABLE; a command without a result by its deadline is
 * DEADLINE_EXCEEDED. Thread-safe; one per api instance. {@link #start()} before use.
 */
public final class CommandGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandGateway.class);
    /** A send Kafka has not acknowledged by then is UNAVAILABLE: API.md's 5 s, less room for the rest of the call. */
    static final Duration SEND_LIMIT = Duration.ofMillis(4_500);

    private final Producer<String, byte[]> producer;
    private final ResultListener results;
    private final Topics topics;
    private final Clock clock;
    private final CommandMetrics metrics;

    CommandGateway(Producer<String, byte[]> producer, ResultListener results, Topics topics, Clock clock, MeterRegistry registry) {
        this.producer = producer;
        this.results = results;
        this.topics = topics;
        this.clock = clock;
        this.metrics = new CommandMetrics(registry);
    }

    /**
     * A gateway on the cluster at {@code bootstrapServers}; {@code extraClientConfig} (security and
     * the like) is added to both the producer's and the results consumer's settings.
     */
    public static CommandGateway create(String bootstrapServers, Topics topics, MeterRegistry registry,
            Map<String, Object> extraClientConfig) {
        String id = "pidgr-api-" + UUID.randomUUID();
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                GatewayKafkaConfig.producer(bootstrapServers, id + "-commands", extraClientConfig));
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                GatewayKafkaConfig.resultsConsumer(bootstrapServers, id + "-results", extraClientConfig));
        // Fetching the command topics' metadata before accepting commands keeps the first send from blocking on it.
        ResultListener results = new ResultListener(consumer, topics.commandResults(), () -> {
            producer.partitionsFor(topics.campaignCommands().name());
            producer.partitionsFor(topics.templateCommands().name());
        });
        return new CommandGateway(producer, results, topics, Clock.systemUTC(), registry);
    }

    /** Starts positioning the results listener at the end of the results topic; returns at once. */
    public void start() {
        results.start();
    }

    /** Whether commands are accepted: the results listener is positioned. Part of the api's readiness. */
    public boolean isReady() {
        return results.ready();
    }

    /** Waits until {@link #isReady()}; false when it did not happen in time. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return results.awaitReady(timeout);
    }

    /** Sends a campaign command and returns its result (accepted or rejected). */
    public CommandResult submit(CampaignCommand command, Instant deadline) {
        return submit(topics.campaignCommands(), command.getCampaignId(), command, command.getMetadata().getCommandId(),
                command.getMetadata().getRpc(), deadline);
    }

    /** Sends a template command and returns its result (accepted or rejected). */
    public CommandResult submit(TemplateCommand command, Instant deadline) {
        return submit(topics.templateCommands(), command.getTemplateId(), command, command.getMetadata().getCommandId(),
                command.getMetadata().getRpc(), deadline);
    }

    private <V extends Message> CommandResult submit(Topic<V> topic, String key, V command, String commandId,
            String rpc, Instant deadline) {
        if (!results.ready()) {
            throw ApiErrors.unavailable("the api is not connected to Kafka yet; retry shortly");
        }
        long started = System.nanoTime();
        CompletableFuture<CommandResult> result = results.register(commandId);
        try {
            send(topic, key, command, commandId, deadline);
            CommandResult answer = await(result, deadline, commandId);
            metrics.completed(rpc, answer, System.nanoTime() - started);
            return answer;
        } catch (RuntimeException e) {
            metrics.failed(rpc, e, System.nanoTime() - started);
            throw e;
        } finally {
            results.forget(commandId);
        }
    }

    private <V extends Message> void send(Topic<V> topic, String key, V command, String commandId, Instant deadline) {
        Headers headers = EventHeaders.of(command, commandId);
        headers.add(EventHeaders.COMMAND_ID, EventHeaders.bytes(commandId));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic.name(), null, key, command.toByteArray(), headers);
        Duration limit = min(SEND_LIMIT, Duration.between(clock.instant(), deadline));
        try {
            Future<RecordMetadata> ack = producer.send(record);
            ack.get(Math.max(0, limit.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | KafkaException e) {
            LOG.warn("command {} could not be written to {}: {}", commandId, topic.name(), cause(e));
            throw ApiErrors.unavailable("Kafka did not accept the command in time; retry with the same idempotency-key");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiErrors.unavailable("interrupted while sending the command");
        }
    }

    private CommandResult await(CompletableFuture<CommandResult> result, Instant deadline, String commandId) {
        long millis = Duration.between(clock.instant(), deadline).toMillis();
        try {
            return result.get(Math.max(0, millis), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.info("command {} got no result before its deadline", commandId);
            throw ApiErrors.deadlineExceeded(
                    "no result before the deadline; retry with the same idempotency-key to learn the outcome");
        } catch (ExecutionException e) {
            throw new IllegalStateException("unreadable result for command " + commandId, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiErrors.unavailable("interrupted while waiting for the command's result");
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String cause(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    @Override
    public void close() {
        results.close();
        producer.close(Duration.ofSeconds(5));
    }
}
