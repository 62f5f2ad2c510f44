package dev.pidgr.command.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Timestamps;
import dev.pidgr.command.CommandSettings;
import dev.pidgr.command.testing.Commands;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.contract.Topics;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.DeviceCommand;
import dev.pidgr.events.v1.DeviceEvent;
import dev.pidgr.events.v1.TemplateCommand;
import dev.pidgr.events.v1.TemplateEvent;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The command topology under TopologyTestDriver, with typed helpers. The wall clock starts at the commands' issued_at.
 */
final class CommandDriver implements AutoCloseable {

    static final Instant START = Instant.ofEpochMilli(Timestamps.toMillis(Commands.ISSUED_AT));

    final Topics topics = Topics.standard();
    final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> campaignCommands;
    private final TestInputTopic<String, byte[]> templateCommands;
    final TestOutputTopic<String, byte[]> results;
    final TestOutputTopic<String, byte[]> campaignEvents;
    final TestOutputTopic<String, byte[]> templateEvents;
    final TestOutputTopic<String, byte[]> campaignDeadLetters;
    final TestOutputTopic<String, byte[]> templateDeadLetters;
    private final TestInputTopic<String, byte[]> deviceCommands;
    final TestOutputTopic<String, byte[]> deviceEvents;
    final TestOutputTopic<String, byte[]> deviceDeadLetters;
    private final Map<String, CommandResult> seenResults = new LinkedHashMap<>();

    CommandDriver() {
        this(CommandSettings.defaults());
    }

    CommandDriver(CommandSettings settings) {
        this(settings, new CountingPlanner());
    }

    /** A driver whose campaign decisions {@code plans} counts. */
    CommandDriver(CommandSettings settings, CountingPlanner plans) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "command-side-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("command-ttd").toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        driver = new TopologyTestDriver(
                CommandTopology.build(topics, settings, plans::wrap), props, START.plusMillis(5));
        campaignCommands = driver.createInputTopic(
                topics.campaignCommands().name(), new StringSerializer(), new ByteArraySerializer());
        templateCommands = driver.createInputTopic(
                topics.templateCommands().name(), new StringSerializer(), new ByteArraySerializer());
        results = output(topics.commandResults().name());
        campaignEvents = output(topics.campaignEvents().name());
        templateEvents = output(topics.templateEvents().name());
        campaignDeadLetters = output(topics.deadLetter(topics.campaignCommands()));
        templateDeadLetters = output(topics.deadLetter(topics.templateCommands()));
        deviceCommands = driver.createInputTopic(
                topics.deviceCommands().name(), new StringSerializer(), new ByteArraySerializer());
        deviceEvents = output(topics.deviceEvents().name());
        deviceDeadLetters = output(topics.deadLetter(topics.deviceCommands()));
    }

    private TestOutputTopic<String, byte[]> output(String name) {
        return driver.createOutputTopic(name, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Sends the command as the gateway does (keyed by aggregate id, command id header); returns its command id. */
    String send(CampaignCommand.Builder command) {
        CampaignCommand c = command.build();
        sendRaw(campaignCommands, c.getCampaignId(), c.toByteArray(), c.getMetadata().getCommandId());
        return c.getMetadata().getCommandId();
    }

    String send(TemplateCommand.Builder command) {
        TemplateCommand c = command.build();
        sendRaw(templateCommands, c.getTemplateId(), c.toByteArray(), c.getMetadata().getCommandId());
        return c.getMetadata().getCommandId();
    }

    String send(DeviceCommand.Builder command) {
        DeviceCommand c = command.build();
        sendRaw(deviceCommands, c.getUserId(), c.toByteArray(), c.getMetadata().getCommandId());
        return c.getMetadata().getCommandId();
    }

    void sendRawDevice(String key, byte[] value, String commandIdHeader) {
        sendRaw(deviceCommands, key, value, commandIdHeader);
    }

    List<TestRecord<String, byte[]>> deviceEventRecords() {
        return deviceEvents.readRecordsToList();
    }

    static DeviceEvent deviceEvent(TestRecord<String, byte[]> r) {
        return parse(() -> DeviceEvent.parseFrom(r.value()));
    }

    void sendRawCampaign(String key, byte[] value, String commandIdHeader) {
        sendRaw(campaignCommands, key, value, commandIdHeader);
    }

    private void sendRaw(TestInputTopic<String, byte[]> topic, String key, byte[] value, String commandIdHeader) {
        RecordHeaders headers = new RecordHeaders();
        if (commandIdHeader != null) {
            headers.add(EventHeaders.COMMAND_ID, EventHeaders.bytes(commandIdHeader));
        }
        topic.pipeInput(new TestRecord<>(key, value, headers, START));
    }

    /** The result for a command id, or null when none was written (yet). */
    CommandResult result(String commandId) {
        drainResults();
        return seenResults.get(commandId);
    }

    List<CommandResult> allResults() {
        drainResults();
        return List.copyOf(seenResults.values());
    }

    private void drainResults() {
        for (TestRecord<String, byte[]> r : results.readRecordsToList()) {
            CommandResult result = parse(() -> CommandResult.parseFrom(r.value()));
            if (!r.key().equals(result.getCommandId())) {
                throw new AssertionError("result keyed " + r.key() + " answers " + result.getCommandId());
            }
            seenResults.put(r.key(), result);
        }
    }

    List<TestRecord<String, byte[]>> campaignEventRecords() {
        return campaignEvents.readRecordsToList();
    }

    static CampaignEvent campaignEvent(TestRecord<String, byte[]> r) {
        return parse(() -> CampaignEvent.parseFrom(r.value()));
    }

    List<CampaignEvent> campaignEventsWritten() {
        List<CampaignEvent> events = new ArrayList<>();
        campaignEvents.readRecordsToList().forEach(r -> events.add(campaignEvent(r)));
        return events;
    }

    List<TemplateEvent> templateEventsWritten() {
        List<TemplateEvent> events = new ArrayList<>();
        templateEvents.readRecordsToList().forEach(r -> events.add(parse(() -> TemplateEvent.parseFrom(r.value()))));
        return events;
    }

    void advance(Duration d) {
        driver.advanceWallClockTime(d);
    }

    KeyValueStore<String, byte[]> store(String name) {
        return driver.getKeyValueStore(name);
    }

    interface Parse<T> {
        T run() throws InvalidProtocolBufferException;
    }

    static <T> T parse(Parse<T> p) {
        try {
            return p.run();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        driver.close();
    }
}
