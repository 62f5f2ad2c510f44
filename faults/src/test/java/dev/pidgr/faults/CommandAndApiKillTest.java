package dev.pidgr.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.CancelCampaignRequest;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.api.v1.TemplateServiceGrpc;
import dev.pidgr.api.v1.UpdateCampaignRequest;
import dev.pidgr.app.run.Role;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.TemplateEvent;
import dev.pidgr.faults.support.Api;
import dev.pidgr.faults.support.Deployment;
import dev.pidgr.faults.support.Profile;
import dev.pidgr.faults.support.Report;
import dev.pidgr.faults.support.Requests;
import dev.pidgr.faults.support.RetryingClient;
import dev.pidgr.faults.support.Serve;
import dev.pidgr.faults.support.Sleep;
import dev.pidgr.faults.support.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The command processor's process and one of two api processes are killed with SIGKILL at the same
 * moment while clients send commands with idempotency keys, and restarted. The clients retry with
 * the same keys (through the other api while the first is down) until they get an answer. Every
 * command must take effect exactly once: one event per command on the topics, whatever the retries.
 */
class CommandAndApiKillTest {

    private static final String ORG = "org-command-kill";
    private static final Duration CALL = Duration.ofSeconds(10);
    private static final int CLIENTS = Profile.commandClients();

    /** What one client's script ended with: the ids it was given and the versions of its last answers. */
    record Outcome(int script, String templateId, String campaignId, long updated, long started, long cancelled,
                   CampaignStatus status, String name) {
    }

    @Test
    void shouldApplyEveryCommandExactlyOnceWhenTheCommandAndApiProcessesAreKilledMidFlight() throws Exception {
        try (Deployment deployment = new Deployment("command-api-kill", 3, false)) {
            deployment.node(EnumSet.of(Role.QUERY));
            Serve command = deployment.serve("command", "command");
            Serve api1 = deployment.serve("api-1", "api");
            Serve api2 = deployment.serve("api-2", "api");
            for (Serve s : List.of(command, api1, api2)) {
                s.awaitReady(Deployment.START_LIMIT);
            }
            try (Api first = new Api(api1.grpcPort(), ORG); Api second = new Api(api2.grpcPort(), ORG)) {
                RetryingClient client = new RetryingClient(List.of(first, second));
                ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
                ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
                AtomicInteger next = new AtomicInteger();
                List<Thread> clients = new ArrayList<>();
                AtomicBoolean stop = new AtomicBoolean();
                for (int c = 0; c < CLIENTS; c++) {
                    clients.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                        while (!stop.get() && failures.isEmpty()) {
                            try {
                                outcomes.add(script(client, next.getAndIncrement()));
                            } catch (Throwable t) {
                                failures.add(t);
                            }
                        }
                    }));
                }
                awaitOutcomes(outcomes, failures, CLIENTS);
                int inFlight = client.inFlight();
                int beforeKill = outcomes.size();
                command.kill();
                api1.kill();
                Sleep.millis(2_000);
                command.start();
                api1.start();
                command.awaitReady(Deployment.START_LIMIT);
                api1.awaitReady(Deployment.START_LIMIT);
                awaitOutcomes(outcomes, failures, beforeKill + 2 * CLIENTS);
                stop.set(true);
                for (Thread t : clients) {
                    t.join(Duration.ofMinutes(6));
                }
                assertThat(failures).isEmpty();
                assertThat(inFlight).as("calls in flight at the kill").isPositive();
                assertExactlyOnce(deployment, List.copyOf(outcomes));
                Report.line(
                        "CommandAndApiKillTest",
                        "%d clients ran %d scripts of 5 commands (create template, create, update, start, cancel"
                                + " campaign); %d calls in flight at the SIGKILL of the command and one api process; %d"
                                + " calls retried %s; every command took effect once",
                        CLIENTS,
                        outcomes.size(),
                        inFlight,
                        client.retriedCalls(),
                        client.retriesByCode());
            }
        }
    }

    /** One client's five commands, each with its own key, retried until answered. */
    private static Outcome script(RetryingClient client, int i) {
        String templateId = client.call(
                "tpl-" + i,
                i,
                (api, key) -> Api.stub(
                                TemplateServiceGrpc.newBlockingStub(api.channel),
                                api.admin(),
                                Map.of("idempotency-key", key),
                                CALL)
                        .createTemplate(Requests.template("Template " + i))
                        .getTemplate()
                        .getId());
        String campaignId = client.call("cmp-" + i, i, (api, key) -> campaigns(api, key).createCampaign(
                Requests.campaign("Campaign " + i, templateId, Requests.users(3), null)).getCampaign().getId());
        Campaign updated = client.call(
                "upd-" + i,
                i,
                (api, key) -> campaigns(api, key)
                        .updateCampaign(UpdateCampaignRequest.newBuilder()
                                .setId(campaignId)
                                .setName("Renamed " + i)
                                .build())
                        .getCampaign());
        Campaign started = client.call(
                "start-" + i,
                i,
                (api, key) -> campaigns(api, key)
                        .startCampaign(StartCampaignRequest.newBuilder()
                                .setId(campaignId)
                                .build())
                        .getCampaign());
        Campaign cancelled = client.call(
                "cancel-" + i,
                i,
                (api, key) -> campaigns(api, key)
                        .cancelCampaign(CancelCampaignRequest.newBuilder()
                                .setId(campaignId)
                                .build())
                        .getCampaign());
        return new Outcome(
                i,
                templateId,
                campaignId,
                updated.getVersion(),
                started.getVersion(),
                cancelled.getVersion(),
                cancelled.getStatus(),
                cancelled.getName());
    }

    private static CampaignServiceGrpc.CampaignServiceBlockingStub campaigns(Api api, String key) {
        return Api.stub(
                CampaignServiceGrpc.newBlockingStub(api.channel), api.admin(), Map.of("idempotency-key", key), CALL);
    }

    private static void awaitOutcomes(
            ConcurrentLinkedQueue<Outcome> outcomes, ConcurrentLinkedQueue<Throwable> failures, int atLeast) {
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (outcomes.size() < atLeast && failures.isEmpty()) {
            assertThat(System.nanoTime()).as("%d scripts done in time", atLeast).isLessThan(deadline);
            Sleep.millis(100);
        }
        assertThat(failures).isEmpty();
    }

    /** Each script's commands appear once each on the topics, and nothing else of the organization does. */
    private static void assertExactlyOnce(Deployment deployment, List<Outcome> outcomes) {
        Map<String, List<CampaignEvent>> campaigns =
                TopicReader.committed(deployment.topics.campaignEvents().name()).stream()
                        .map(r ->
                                deployment.topics.campaignEvents().valueSerde().parse(r.value()))
                        .filter(e -> e.getOrganizationId().equals(ORG))
                        .collect(Collectors.groupingBy(CampaignEvent::getCampaignId));
        Map<String, List<TemplateEvent>> templates =
                TopicReader.committed(deployment.topics.templateEvents().name()).stream()
                        .map((ConsumerRecord<String, byte[]> r) ->
                                deployment.topics.templateEvents().valueSerde().parse(r.value()))
                        .filter(e -> e.getOrganizationId().equals(ORG))
                        .collect(Collectors.groupingBy(TemplateEvent::getTemplateId));
        assertThat(campaigns.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        outcomes.stream().map(Outcome::campaignId).toList());
        assertThat(templates.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        outcomes.stream().map(Outcome::templateId).toList());
        for (Outcome o : outcomes) {
            assertThat(o.templateId()).isEqualTo(Ids.templateIdForIdempotencyKey(ORG, "tpl-" + o.script()));
            assertThat(o.campaignId()).isEqualTo(Ids.campaignIdForIdempotencyKey(ORG, "cmp-" + o.script()));
            assertThat(templates.get(o.templateId())).extracting(TemplateEvent::getPayloadCase)
                    .containsExactly(TemplateEvent.PayloadCase.CREATED);
            List<CampaignEvent> events = campaigns.get(o.campaignId());
            assertThat(events)
                    .extracting(CampaignEvent::getPayloadCase)
                    .as("events of script %d", o.script())
                    .containsExactly(
                            CampaignEvent.PayloadCase.CREATED,
                            CampaignEvent.PayloadCase.AUDIENCE_ADDED,
                            CampaignEvent.PayloadCase.UPDATED,
                            CampaignEvent.PayloadCase.STARTED,
                            CampaignEvent.PayloadCase.CANCELLED);
            assertThat(events)
                    .extracting(CampaignEvent::getVersion)
                    .isEqualTo(LongStream.rangeClosed(1, 5).boxed().toList());
            assertThat(List.of(o.updated(), o.started(), o.cancelled())).containsExactly(3L, 4L, 5L);
            assertThat(o.status()).isEqualTo(CampaignStatus.CAMPAIGN_STATUS_CANCELLED);
            assertThat(o.name()).isEqualTo("Renamed " + o.script());
        }
    }
}
