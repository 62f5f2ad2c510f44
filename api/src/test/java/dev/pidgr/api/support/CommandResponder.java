package dev.pidgr.api.support;

import dev.pidgr.contract.Topics;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.DeviceCommand;
import dev.pidgr.events.v1.TemplateCommand;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
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

/**
 * Stands in for the command side on the real broker: reads the command topics and writes the
 * result its answer function gives (none: the command goes unanswered). It records every command.
 * The real command processor is exercised by the app's end-to-end test.
 */
public final class CommandResponder implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;
    private final Thread thread;
    private final List<CampaignCommand> campaignCommands = new CopyOnWriteArrayList<>();
    private final List<TemplateCommand> templateCommands = new CopyOnWriteArrayList<>();
    private volatile Function<CampaignCommand, Optional<CommandResult>> campaignAnswer = c -> Optional.empty();
    private volatile Function<TemplateCommand, Optional<CommandResult>> templateAnswer = c -> Optional.empty();
    private final List<DeviceCommand> deviceCommands = new CopyOnWriteArrayList<>();
    private volatile Function<DeviceCommand, Optional<CommandResult>> deviceAnswer = c -> Optional.empty();
    private volatile boolean running = true;

    public CommandResponder(String bootstrapServers, Topics topics) {
        this.topics = topics;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 70 * 1024 * 1024,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 70 * 1024 * 1024));
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 0));
        List<TopicPartition> partitions = new java.util.ArrayList<>();
        for (String topic : List.of(topics.campaignCommands().name(), topics.templateCommands().name(),
                topics.deviceCommands().name())) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = Thread.ofPlatform().daemon().name("test-command-responder").start(this::run);
    }

    public void answerCampaigns(Function<CampaignCommand, Optional<CommandResult>> answer) {
        this.campaignAnswer = answer;
    }

    public void answerTemplates(Function<TemplateCommand, Optional<CommandResult>> answer) {
        this.templateAnswer = answer;
    }

    public void answerDevices(Function<DeviceCommand, Optional<CommandResult>> answer) {
        this.deviceAnswer = answer;
    }

    public List<DeviceCommand> deviceCommands() {
        return deviceCommands;
    }

    public List<CampaignCommand> campaignCommands() {
        return campaignCommands;
    }

    public List<TemplateCommand> templateCommands() {
        return templateCommands;
    }

    private void run() {
        while (running) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                Optional<CommandResult> result;
                if (record.topic().equals(topics.campaignCommands().name())) {
                    CampaignCommand command = topics.campaignCommands().valueSerde().parse(record.value());
                    campaignCommands.add(command);
                    result = campaignAnswer.apply(command);
                } else if (record.topic().equals(topics.deviceCommands().name())) {
                    DeviceCommand command = topics.deviceCommands().valueSerde().parse(record.value());
                    deviceCommands.add(command);
                    result = deviceAnswer.apply(command);
                } else {
                    TemplateCommand command = topics.templateCommands().valueSerde().parse(record.value());
                    templateCommands.add(command);
                    result = templateAnswer.apply(command);
                }
                result.ifPresent(r -> producer.send(
                        new ProducerRecord<>(topics.commandResults().name(), r.getCommandId(), r.toByteArray())));
            }
            producer.flush();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
        producer.close();
    }
}
