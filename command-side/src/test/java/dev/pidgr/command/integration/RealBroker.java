package dev.pidgr.command.integration;

import dev.pidgr.command.CommandSettings;
import dev.pidgr.command.CommandSide;
import com.google.protobuf.util.Timestamps;
import dev.pidgr.command.kafka.StoreNames;
import dev.pidgr.command.testing.Commands;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.contract.Limits;
import dev.pidgr.contract.TopicAdmin;
import dev.pidgr.contract.Topics;
import dev.pidgr.embedded.SharedTestInfra;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CommandMetadata;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.TemplateCommand;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A command side running on the shared embedded broker under a fresh topic namespace, and a client
 * that sends commands as the gateway does (zstd-compressed, up to 64 MiB) and waits for their results.
 */
final class RealBroker implements AutoCloseable {

    final Topics topics = Topics.withNamespace(SharedTestInfra.newNamespace());
    final String bootstrap = SharedTestInfra.kafka().bootstrapServers();
    private final CommandSettings settings;
    CommandSide commandSide;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> results;
    private final Map<String, CommandResult> seen = new HashMap<>();

    RealBroker() throws Exception {
        this(CommandSettings.defaults());
    }

    RealBroker(CommandSettings settings) throws Exception {
        this.settings = settings;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            TopicAdmin.ensureTopics(admin, topics, 2, (short) 1);
        }
        commandSide = startCommandSide();
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
        results = new KafkaConsumer<>(readCommitted(), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = results.partitionsFor(topics.commandResults().name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        results.assign(parts);
        results.seekToBeginning(parts);
    }

    /**
     * Stops the command side and starts a new instance whose state directory is empty: every store is restored from
     * Kafka.
     */
    void restartWithEmptyState() throws Exception {
        commandSide.close();
        commandSide = startCommandSide();
    }

    private CommandSide startCommandSide() throws Exception {
        CommandSide side = new CommandSide(baseConfig(), topics, settings);
        side.start();
        long deadline = System.currentTimeMillis() + 90_000;
        while (!side.isReady()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the command side did not become ready: " + side.streams().state());
            }
            Thread.sleep(50);
        }
        return side;
    }

    private Properties baseConfig() throws Exception {
        Properties p = new Properties();
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("command-side-state").toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        return p;
    }

    private Properties producerConfig() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Limits.MAX_COMMAND_RECORD_BYTES + 1024 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 2L * (Limits.MAX_COMMAND_RECORD_BYTES + 1024 * 1024));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }

    Properties readCommitted() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return p;
    }

    /** Every entry of the campaign parking lot in this instance's stores (read through interactive queries). */
    Map<String, byte[]> parkingLot() {
        Map<String, byte[]> entries = new TreeMap<>();
        ReadOnlyKeyValueStore<String, byte[]> lot = commandSide.streams().store(
                StoreQueryParameters.fromNameAndType(StoreNames.CAMPAIGN_PARKING, QueryableStoreTypes.keyValueStore()));
        try (KeyValueIterator<String, byte[]> it = lot.all()) {
            it.forEachRemaining(e -> entries.put(e.key, e.value));
        }
        return entries;
    }

    /**
     * Sends a command and waits until Kafka acknowledged it. A command stamped with the fixture's fixed
     * {@link Commands#ISSUED_AT} is issued now instead, as the gateway would: the command side measures
     * the template grace from it on the real clock, so a fixed date would make that grace depend on
     * the day the test runs.
     */
    String send(CampaignCommand command) throws Exception {
        CampaignCommand issued = command.getMetadata().getIssuedAt().equals(Commands.ISSUED_AT)
                ? command.toBuilder().setMetadata(issuedNow(command.getMetadata())).build() : command;
        send(
                topics.campaignCommands().name(),
                issued.getCampaignId(),
                issued.toByteArray(),
                issued.getMetadata().getCommandId());
        return issued.getMetadata().getCommandId();
    }

    String send(TemplateCommand command) throws Exception {
        TemplateCommand issued = command.getMetadata().getIssuedAt().equals(Commands.ISSUED_AT)
                ? command.toBuilder().setMetadata(issuedNow(command.getMetadata())).build() : command;
        send(
                topics.templateCommands().name(),
                issued.getTemplateId(),
                issued.toByteArray(),
                issued.getMetadata().getCommandId());
        return issued.getMetadata().getCommandId();
    }

    private static CommandMetadata issuedNow(CommandMetadata metadata) {
        return metadata.toBuilder().setIssuedAt(Timestamps.fromMillis(System.currentTimeMillis())).build();
    }

    void send(String topic, String key, byte[] value, String commandId) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        if (commandId != null) {
            record.headers().add(EventHeaders.COMMAND_ID, EventHeaders.bytes(commandId));
        }
        producer.send(record).get();
    }

    /** The result of a command, waiting for it up to a generous timeout. */
    CommandResult await(String commandId) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!seen.containsKey(commandId)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no result for command " + commandId + " within 60 s");
            }
            for (ConsumerRecord<String, byte[]> r : results.poll(Duration.ofMillis(100))) {
                CommandResult result = CommandResult.parseFrom(r.value());
                seen.put(result.getCommandId(), result);
            }
        }
        return seen.get(commandId);
    }

    @Override
    public void close() {
        producer.close();
        results.close();
        commandSide.close();
    }
}
