package dev.pidgr.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.PushRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;

/**
 * Restarts on the real embedded broker: two successive processors on the same state directory
 * and application id. Nothing is lost and nothing repeated inside Kafka.
 */
class RestartTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private WorkflowSettings settings() {
        return WorkflowSettings.defaults().withWebhookSecret(WorkflowDriver.SECRET).withBatches(50, 1 << 20);
    }

    private static void start(Broker broker, String campaignId, WorkflowDefinition workflow, List<String> users) {
        broker.send(broker.topics.templateEvents(), Campaigns.TEMPLATE, Campaigns.template("Hello {{name}}"));
        List<CampaignEvent> created = Campaigns.created(campaignId, workflow, users, 1000);
        created.forEach(e -> broker.send(broker.topics.campaignEvents(), campaignId, e));
        broker.send(broker.topics.campaignEvents(), campaignId,
                Campaigns.started(campaignId, created.size() + 1, workflow, System.currentTimeMillis()));
        broker.flush();
    }

    @Test
    void shouldFinishAFanOutInterruptedByARestartWithExactlyOneNotificationPerMember() throws Exception {
        String campaignId = "c0000000-0000-4000-8000-0000000000b1";
        List<String> users = Campaigns.users(6000);
        WorkflowDefinition workflow = Campaigns.workflow(Campaigns.send("send", Map.of()));
        Path stateDir = Broker.newStateDir();
        try (Broker broker = new Broker(3)) {
            start(broker, campaignId, workflow, users);
            try (WorkflowProcessor first =
                    new WorkflowProcessor(broker.streamsConfig(stateDir), broker.topics, settings())) {
                first.start();
                List<ConsumerRecord<String, DeliveryEvent>> some =
                        broker.readUntil(broker.topics.deliveryEvents(), WAIT, records -> records.size() > 100);
                assertThat(some.size()).isBetween(101, 5999);
            }
            try (WorkflowProcessor second =
                    new WorkflowProcessor(broker.streamsConfig(stateDir), broker.topics, settings())) {
                second.start();
                broker.readUntil(broker.topics.campaignCommands(), WAIT, records -> !records.isEmpty());
            }

            List<DeliveryEvent> events = broker.readUntil(broker.topics.deliveryEvents(), WAIT,
                    records -> records.size() >= users.size() + 3).stream().map(ConsumerRecord::value).toList();
            assertThat(events).hasSize(users.size() + 3);
            assertThat(events.stream().map(DeliveryEvent::getVersion).toList())
                    .isEqualTo(LongStream.rangeClosed(1, events.size()).boxed().toList());
            Map<String, Long> sentPerUser = events.stream().filter(DeliveryEvent::hasNotificationSent)
                    .collect(Collectors.groupingBy(DeliveryEvent::getUserId, Collectors.counting()));
            assertThat(sentPerUser).hasSize(users.size());
            assertThat(sentPerUser.values()).containsOnly(1L);
            List<PushRequest> pushes = broker.readUntil(broker.topics.notificationsPush(), WAIT,
                    records -> records.size() >= users.size()).stream().map(ConsumerRecord::value).toList();
            assertThat(pushes.stream()
                            .collect(Collectors.groupingBy(PushRequest::getPushId, Collectors.counting()))
                            .values())
                    .hasSize(users.size())
                    .containsOnly(1L);
            assertThat(events.getLast().hasWorkflowEnded()).isTrue();
        }
    }

    @Test
    void shouldFireADeadlineThatCameDueWhileStoppedOnceAfterTheRestart() throws Exception {
        String campaignId = "c0000000-0000-4000-8000-0000000000b2";
        List<String> users = Campaigns.users(20);
        WorkflowDefinition workflow = Campaigns.workflow(
                Campaigns.send("send", Map.of("completed", "wait")),
                Campaigns.deadline("wait", "10m", Map.of("completed", "missed")),
                Campaigns.missed("missed", Map.of()));
        Path stateDir = Broker.newStateDir();
        try (Broker broker = new Broker(3)) {
            start(broker, campaignId, workflow, users);
            try (WorkflowProcessor first =
                    new WorkflowProcessor(broker.streamsConfig(stateDir), broker.topics, settings())) {
                first.start();
                broker.readUntil(
                        broker.topics.deliveryEvents(),
                        WAIT,
                        records -> records.stream()
                                .anyMatch(r -> r.value().hasStepEntered()
                                        && r.value()
                                                .getStepEntered()
                                                .getStepId()
                                                .equals("wait")));
            }
            Time elevenMinutesLater = new ShiftedTime(Duration.ofMinutes(11));
            try (WorkflowProcessor second = new WorkflowProcessor(
                    broker.streamsConfig(stateDir), broker.topics, settings(), elevenMinutesLater)) {
                second.start();
                broker.readUntil(broker.topics.campaignCommands(), WAIT, records -> !records.isEmpty());
            }

            List<DeliveryEvent> events = broker.readUntil(broker.topics.deliveryEvents(), WAIT,
                    records -> records.size() >= 2 * users.size() + 6).stream().map(ConsumerRecord::value).toList();
            assertThat(events.stream().map(DeliveryEvent::getVersion).toList())
                    .isEqualTo(LongStream.rangeClosed(1, events.size()).boxed().toList());
            assertThat(events.stream()
                            .filter(DeliveryEvent::hasStepCompleted)
                            .map(e -> e.getStepCompleted().getStepId())
                            .toList())
                    .containsExactly("send", "wait", "missed");
            assertThat(events.stream().filter(DeliveryEvent::hasMissed).map(DeliveryEvent::getUserId).toList())
                    .containsExactlyElementsOf(users);
            List<CampaignCommand> commands = broker.readAll(broker.topics.campaignCommands())
                    .stream().map(ConsumerRecord::value).toList();
            assertThat(commands)
                    .extracting(CampaignCommand::getPayloadCase)
                    .containsExactly(CampaignCommand.PayloadCase.COMPLETE_CAMPAIGN);
            assertThat(events.stream()
                            .collect(Collectors.groupingBy(DeliveryEvent::getEventId, Collectors.counting()))
                            .values())
                    .containsOnly(1L);
        }
    }

    @Test
    void shouldSendAWebhookPageInFlightDuringARestartAgainWithTheSameBodyAndKey() throws Exception {
        String campaignId = "c0000000-0000-4000-8000-0000000000b3";
        List<String> users = Campaigns.users(30);
        Path stateDir = Broker.newStateDir();
        WorkflowSettings settings = settings().withAllowInsecureWebhooks(true)
                .withWebhookTiming(Duration.ofSeconds(60), Duration.ofMillis(50), Duration.ofMillis(200), 5);
        try (Broker broker = new Broker(3);
             WebhookServer server = new WebhookServer(n -> n == 1 ? WebhookServer.Answer.hanging(200)
                     : WebhookServer.Answer.status(200))) {
            WorkflowDefinition workflow = Campaigns.workflow(
                    Campaigns.send("send", Map.of("completed", "hook")),
                    Campaigns.webhook("hook", server.url("/hook"), Map.of()));
            start(broker, campaignId, workflow, users);
            try (WorkflowProcessor first =
                    new WorkflowProcessor(broker.streamsConfig(stateDir), broker.topics, settings)) {
                first.start();
                server.awaitRequests(1, WAIT);
            }
            try (WorkflowProcessor second =
                    new WorkflowProcessor(broker.streamsConfig(stateDir), broker.topics, settings)) {
                second.start();
                broker.readUntil(broker.topics.campaignCommands(), WAIT, records -> !records.isEmpty());
            }

            assertThat(server.requests).hasSize(2);
            assertThat(server.requests.get(1).body()).isEqualTo(server.requests.get(0).body());
            assertThat(server.requests.get(1).header("Idempotency-Key"))
                    .isEqualTo(server.requests.get(0).header("Idempotency-Key"));
            List<DeliveryEvent> events = broker
                    .readUntil(
                            broker.topics.deliveryEvents(),
                            WAIT,
                            records -> records.stream().anyMatch(r -> r.value().hasWorkflowEnded()))
                    .stream()
                    .map(ConsumerRecord::value)
                    .toList();
            assertThat(events.stream().filter(DeliveryEvent::hasWebhookPageCalled).toList()).singleElement()
                    .satisfies(e -> assertThat(e.getWebhookPageCalled().getAttempts()).isEqualTo(1));
            assertThat(events.stream().map(DeliveryEvent::getVersion).toList())
                    .isEqualTo(LongStream.rangeClosed(1, events.size()).boxed().toList());
        }
    }

    @Test
    void shouldLoseAndRepeatNothingWhenAProcessorIsKilledMidFanOut() throws Exception {
        String campaignId = "c0000000-0000-4000-8000-0000000000b4";
        List<String> users = Campaigns.users(20_000);
        WorkflowDefinition workflow = Campaigns.workflow(Campaigns.send("send", Map.of()));
        Path stateDir = Broker.newStateDir();
        try (Broker broker = new Broker(3)) {
            start(broker, campaignId, workflow, users);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(
                            java,
                            "-Xmx512m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            WorkflowChild.class.getName(),
                            broker.bootstrap,
                            broker.topics.prefix().replaceAll("\\.$", ""),
                            stateDir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(new java.io.File("target/workflow-child-" + campaignId + ".log"))
                    .start();
            try {
                List<ConsumerRecord<String, DeliveryEvent>> some =
                        broker.readUntil(broker.topics.deliveryEvents(), WAIT, records -> records.size() > 200);
                assertThat(some.size()).isBetween(201, users.size());
            } finally {
                child.destroyForcibly().waitFor(); // SIGKILL: no close, no commit, no leaving the group
            }
            int committedAtKill = broker.readAll(broker.topics.deliveryEvents()).size();
            assertThat(committedAtKill).as("killed in the middle of the fan-out").isLessThan(users.size());
            try (WorkflowProcessor second = new WorkflowProcessor(WorkflowChild.childConfig(broker.bootstrap, stateDir),
                    broker.topics, settings())) {
                second.start();
                broker.readUntil(broker.topics.campaignCommands(), WAIT, records -> !records.isEmpty());
            }

            List<DeliveryEvent> events = broker.readUntil(broker.topics.deliveryEvents(), WAIT,
                    records -> records.size() >= users.size() + 3).stream().map(ConsumerRecord::value).toList();
            assertThat(events).hasSize(users.size() + 3);
            assertThat(events.stream().map(DeliveryEvent::getVersion).toList())
                    .isEqualTo(LongStream.rangeClosed(1, events.size()).boxed().toList());
            assertThat(events.stream()
                            .filter(DeliveryEvent::hasNotificationSent)
                            .map(DeliveryEvent::getUserId)
                            .toList())
                    .containsExactlyElementsOf(users);
            List<PushRequest> pushes = broker.readUntil(broker.topics.notificationsPush(), WAIT,
                    records -> records.size() >= users.size()).stream().map(ConsumerRecord::value).toList();
            assertThat(pushes.stream().map(PushRequest::getPushId).distinct().count()).isEqualTo(users.size());
            assertThat(pushes).hasSize(users.size());
        }
    }

    /** The system clock, moved forward. */
    private record ShiftedTime(Duration by) implements Time {
        @Override
        public long milliseconds() {
            return Time.SYSTEM.milliseconds() + by.toMillis();
        }

        @Override
        public long nanoseconds() {
            return Time.SYSTEM.nanoseconds();
        }

        @Override
        public void sleep(long ms) {
            Time.SYSTEM.sleep(ms);
        }

        @Override
        public void waitObject(Object obj, java.util.function.Supplier<Boolean> condition, long deadlineMs)
                throws InterruptedException {
            Time.SYSTEM.waitObject(obj, condition, deadlineMs - by.toMillis());
        }
    }
}
