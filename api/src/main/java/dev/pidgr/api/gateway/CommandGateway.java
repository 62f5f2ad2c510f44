package dev.pidgr.api.gateway;

import com.google.protobuf.Message;
import dev.pidgr.api.grpc.ApiErrors;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.contract.Topic;
import dev.pidgr.contract.Topics;
import dev.pidgr.contract.Tracing;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.DeviceCommand;
import dev.pidgr.events.v1.TemplateCommand;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends command envelopes to the command topics, keyed by aggregate id, and completes a future with
 * each one's result from {@code pidgr.command.results}; nothing blocks while a command waits. Kafka
 * that cannot take the command within 4.5 s (or the deadline, if sooner) is UNAVAILABLE; a command
 * without a result by its deadline is DEADLINE_EXCEEDED. Thread-safe; one per api instance.
 * {@link #start()} before use.
 */
public final class CommandGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandGateway.class);

    private final Producer<String, byte[]> producer;
    private final ResultListener results;
    private final Topics topics;
    private final Clock clock;
    private final CommandMetrics metrics;
    private final ScheduledThreadPoolExecutor deadlines = deadlineTimer();

    CommandGateway(
            Producer<String, byte[]> producer,
            ResultListener results,
            Topics topics,
            Clock clock,
            MeterRegistry registry) {
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
            producer.partitionsFor(topics.deviceCommands().name());
        });
        return new CommandGateway(producer, results, topics, Clock.systemUTC(), registry);
    }

    /** One timer thread fails each command whose deadline passes; a command answered earlier takes its timer along. */
    private static ScheduledThreadPoolExecutor deadlineTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().daemon().name("pidgr-command-deadlines").factory());
        timer.setRemoveOnCancelPolicy(true);
        return timer;
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

    /**
     * Sends a campaign command; the future completes with its result (accepted or rejected), or
     * fails with UNAVAILABLE (Kafka did not take it) or DEADLINE_EXCEEDED (no result by the
     * deadline). No thread waits meanwhile.
     */
    public CompletableFuture<CommandResult> submit(CampaignCommand command, Instant deadline) {
        return submit(topics.campaignCommands(), command.getCampaignId(), command, command.getMetadata().getCommandId(),
                command.getMetadata().getRpc(), deadline);
    }

    /** Sends a template command; as {@link #submit(CampaignCommand, Instant)}. */
    public CompletableFuture<CommandResult> submit(TemplateCommand command, Instant deadline) {
        return submit(topics.templateCommands(), command.getTemplateId(), command, command.getMetadata().getCommandId(),
                command.getMetadata().getRpc(), deadline);
    }

    /** Sends a device command, keyed by the recipient's user id; as {@link #submit(CampaignCommand, Instant)}. */
    public CompletableFuture<CommandResult> submit(DeviceCommand command, Instant deadline) {
        return submit(topics.deviceCommands(), command.getUserId(), command, command.getMetadata().getCommandId(),
                command.getMetadata().getRpc(), deadline);
    }

    private <V extends Message> CompletableFuture<CommandResult> submit(
            Topic<V> topic, String key, V command, String commandId, String rpc, Instant deadline) {
        if (!results.ready()) {
            throw ApiErrors.unavailable("the api is not connected to Kafka yet; retry shortly");
        }
        long started = System.nanoTime();
        Span span = ApiSpans.start(rpc, idAttribute(topic), key, commandId);
        CompletableFuture<CommandResult> result = results.register(commandId);
        AtomicBoolean written = new AtomicBoolean();
        long millis = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
        ScheduledFuture<?> timeout = deadlines.schedule(() -> result.completeExceptionally(written.get()
                ? deadlineExceeded(commandId) : notWritten(commandId, topic, "no acknowledgement before the deadline")),
                millis, TimeUnit.MILLISECONDS);
        result.whenComplete((answer, failure) -> {
            timeout.cancel(false);
            results.forget(commandId);
            record(rpc, answer, failure, System.nanoTime() - started);
            span.end();
        });
        send(topic, key, command, commandId, written, result, span);
        return result;
    }

    private String idAttribute(Topic<?> topic) {
        if (topic.name().equals(topics.campaignCommands().name())) {
            return Tracing.CAMPAIGN_ID;
        }
        return topic.name().equals(topics.deviceCommands().name()) ? "pidgr.user_id" : "pidgr.template_id";
    }

    /**
     * Writes the command; Kafka's acknowledgement sets {@code written}, its failure fails {@code result} (UNAVAILABLE).
     */
    private <V extends Message> void send(
            Topic<V> topic,
            String key,
            V command,
            String commandId,
            AtomicBoolean written,
            CompletableFuture<CommandResult> result,
            Span span) {
        Headers headers = EventHeaders.of(command, commandId);
        headers.add(EventHeaders.COMMAND_ID, EventHeaders.bytes(commandId));
        Tracing.inject(Context.root().with(span), headers);
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic.name(), null, key, command.toByteArray(), headers);
        try {
            // Blocks only while the producer has no metadata or no buffer room: max.block.ms, 4.5 s.
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    written.set(true);
                } else {
                    result.completeExceptionally(
                            notWritten(commandId, topic, error.getClass().getSimpleName() + ": " + error.getMessage()));
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            result.completeExceptionally(
                    notWritten(commandId, topic, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private static StatusRuntimeException notWritten(String commandId, Topic<?> topic, String why) {
        LOG.warn("command {} could not be written to {}: {}", commandId, topic.name(), why);
        return ApiErrors.unavailable("Kafka did not accept the command in time; retry with the same idempotency-key");
    }

    private static StatusRuntimeException deadlineExceeded(String commandId) {
        LOG.info("command {} got no result before its deadline", commandId);
        return ApiErrors.deadlineExceeded(
                "no result before the deadline; retry with the same idempotency-key to learn the outcome");
    }

    private void record(String rpc, CommandResult answer, Throwable failure, long nanos) {
        if (failure == null) {
            metrics.completed(rpc, answer, nanos);
        } else {
            metrics.failed(rpc, failure instanceof RuntimeException e ? e : new IllegalStateException(failure), nanos);
        }
    }

    @Override
    public void close() {
        results.close();
        producer.close(Duration.ofSeconds(5));
        deadlines.shutdownNow();
    }
}
