package dev.pidgr.api.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Timestamp;
import dev.pidgr.contract.Topics;
import dev.pidgr.embedded.SharedTestInfra;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CommandMetadata;
import dev.pidgr.events.v1.CommandResult;
import dev.pidgr.events.v1.StartCampaign;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/** Kafka that cannot be reached is UNAVAILABLE within 5 s, never a hang. */
class UnreachableKafkaTest {

    private static CampaignCommand command() {
        return CampaignCommand.newBuilder()
                .setCampaignId(UUID.randomUUID().toString())
                .setMetadata(CommandMetadata.newBuilder()
                        .setCommandId(UUID.randomUUID().toString())
                        .setRpc("StartCampaign")
                        .setDeadline(
                                Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond() + 60)))
                .setStartCampaign(StartCampaign.getDefaultInstance())
                .build();
    }

    /** The future's result, or the status it failed with, thrown. */
    private static CommandResult outcome(CompletableFuture<CommandResult> result) {
        try {
            return result.join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void shouldRefuseCommandsWhileTheResultsListenerIsNotPositioned() throws Exception {
        try (CommandGateway gateway = CommandGateway.create(
                "127.0.0.1:" + closedPort(),
                Topics.withNamespace(SharedTestInfra.newNamespace()),
                new SimpleMeterRegistry(),
                Map.of())) {
            gateway.start();
            StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                    () -> gateway.submit(command(), Instant.now().plusSeconds(30)));
            assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(gateway.isReady()).isFalse();
        }
    }

    @Test
    void shouldAnswerUnavailableWithinFiveSecondsWhenTheBrokerCannotTakeTheCommand() throws Exception {
        String bootstrap = SharedTestInfra.kafka().bootstrapServers();
        Topics topics = Topics.withNamespace(SharedTestInfra.newNamespace());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            dev.pidgr.contract.TopicAdmin.ensureTopics(admin, topics, 1, (short) 1);
        }
        // Results are read from the real broker, so the gateway is ready; commands go to a closed port.
        ResultListener results = new ResultListener(
                new KafkaConsumer<>(GatewayKafkaConfig.resultsConsumer(bootstrap, "test-results", Map.of())),
                topics.commandResults(),
                () -> {});
        KafkaProducer<String, byte[]> deadProducer = new KafkaProducer<>(
                GatewayKafkaConfig.producer("127.0.0.1:" + closedPort(), "test-dead", Map.of()));
        try (CommandGateway gateway =
                new CommandGateway(deadProducer, results, topics, Clock.systemUTC(), new SimpleMeterRegistry())) {
            gateway.start();
            assertThat(gateway.awaitReady(Duration.ofSeconds(60))).isTrue();
            long started = System.nanoTime();
            StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                    () -> outcome(gateway.submit(command(), Instant.now().plusSeconds(30))));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            // Bounded by max.block.ms (5 s); the generous margin only guards against a hang.
            assertThat(took).isLessThan(Duration.ofSeconds(9));
        }
    }
}
