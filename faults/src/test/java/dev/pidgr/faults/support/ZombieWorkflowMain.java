package dev.pidgr.faults.support;

import dev.pidgr.contract.Topics;
import dev.pidgr.workflow.WorkflowProcessor;
import dev.pidgr.workflow.WorkflowSettings;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * A workflow processor in a process of its own, built as {@code pidgr serve --roles workflow} builds
 * it (the app's base Streams configuration: exactly_once_v2, commit interval 100 ms, linger 5 ms,
 * replication 1; WorkflowSettings.defaults with the webhook secret) plus two settings serve has no
 * option for: the producer's {@code transaction.timeout.ms} and the consumer's
 * {@code session.timeout.ms}, so that a paused process outlives both within a test.
 * Arguments: state folder, transaction timeout ms, session timeout ms. Kafka and namespace come from
 * PIDGR_KAFKA_BOOTSTRAP_SERVERS and PIDGR_NAMESPACE. Exits with 1 if its stream threads die, as serve does.
 */
public final class ZombieWorkflowMain {

    private ZombieWorkflowMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Properties streams = new Properties();
        streams.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, System.getenv("PIDGR_KAFKA_BOOTSTRAP_SERVERS"));
        streams.put(StreamsConfig.STATE_DIR_CONFIG, Path.of(args[0]).resolve("workflow").toString());
        streams.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        streams.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        streams.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        streams.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        streams.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), Integer.parseInt(args[1]));
        streams.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), Integer.parseInt(args[2]));
        streams.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1_000);
        WorkflowSettings settings = WorkflowSettings.defaults().withWebhookSecret(Deployment.WEBHOOK_SECRET);
        WorkflowProcessor processor = new WorkflowProcessor(streams, Topics.withNamespace(System.getenv("PIDGR_NAMESPACE")), settings);
        CountDownLatch dead = new CountDownLatch(1);
        processor.streams().setStateListener((now, before) -> {
            System.out.println("workflow streams " + before + " -> " + now);
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.PENDING_ERROR) {
                dead.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(processor::close));
        processor.start();
        dead.await();
        System.out.println("workflow streams failed: exiting with 1");
        System.exit(1);
    }
}
