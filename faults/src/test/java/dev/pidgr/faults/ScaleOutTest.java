package dev.pidgr.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.api.v1.TemplateServiceGrpc;
import dev.pidgr.api.v1.UpdateCampaignRequest;
import dev.pidgr.contract.Ids;
import dev.pidgr.embedded.EmbeddedKafkaCluster;
import dev.pidgr.events.v1.TemplateEvent;
import dev.pidgr.faults.support.Api;
import dev.pidgr.faults.support.CampaignFold;
import dev.pidgr.faults.support.Deployment;
import dev.pidgr.faults.support.FanOutWatch;
import dev.pidgr.faults.support.FoldChecks;
import dev.pidgr.faults.support.Offsets;
import dev.pidgr.faults.support.Profile;
import dev.pidgr.faults.support.Recipients;
import dev.pidgr.faults.support.Report;
import dev.pidgr.faults.support.Requests;
import dev.pidgr.faults.support.RetryingClient;
import dev.pidgr.faults.support.Serve;
import dev.pidgr.faults.support.Sleep;
import dev.pidgr.faults.support.TopicReader;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * pidgr as it runs beyond one machine: three Kafka brokers (each its own JVM; topics with 3
 * replicas, 2 in sync, chosen by {@code serve} from the cluster) and two instances of every role:
 * processes {@code a} and {@code b} run api, command and query, {@code w1} and {@code w2} the
 * workflow. Clients call both api instances. The broker leading a campaign's partitions, the
 * workflow instance walking it and one api instance (with its command and query roles) are killed
 * with SIGKILL in the middle of the fan-out; the topics are the truth the outcome is checked against.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutTest {

    private static final int MEMBERS = Profile.FULL ? 100_000 : 10_000;
    private static final int PARTITIONS = 3;
    private static final String ORG = "org-scale-out";
    private static final Metadata.Key<String> VERSION =
            Metadata.Key.of("x-pidgr-version", Metadata.ASCII_STRING_MARSHALLER);
    private static final Duration CALL = Duration.ofSeconds(30);
    /** Recipients' apps per api instance: 10,000 acknowledgements each in the full version. */
    private static final int RECIPIENT_THREADS = Profile.FULL ? 4 : 2;
    private static final Duration RECIPIENTS_DONE = Duration.ofMinutes(Profile.FULL ? 10 : 5);

    private static EmbeddedKafkaCluster cluster;
    private static Deployment deployment;
    private static Serve a;
    private static Serve b;
    private static Serve w1;
    private static Serve w2;

    @BeforeAll
    static void startClusterAndTwoInstancesOfEveryRole() throws Exception {
        long started = System.nanoTime();
        cluster = EmbeddedKafkaCluster.start(
                Path.of("target", "fault-infra", "scale-out-" + System.nanoTime())
                        .toAbsolutePath(),
                3);
        deployment = new Deployment("scale-out", PARTITIONS, false, cluster.bootstrapServers(), 0);
        a = deployment.serve("a", "api,command,query");
        b = deployment.serve("b", "api,command,query");
        w1 = deployment
                .withEnvironment(Map.of("PIDGR_KAFKA_PROPERTIES", "workflow:client.id=scale-w1"))
                .serve("w1", "workflow");
        w2 = deployment
                .withEnvironment(Map.of("PIDGR_KAFKA_PROPERTIES", "workflow:client.id=scale-w2"))
                .serve("w2", "workflow");
        for (Serve serve : List.of(a, b, w1, w2)) {
            serve.awaitReady(Deployment.START_LIMIT);
        }
        Report.line(
                "ScaleOutTest",
                "3 brokers and 4 pidgr processes (2 x api+command+query, 2 x workflow) ready in %d s",
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    @AfterAll
    static void stop() {
        if (deployment != null) {
            deployment.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void shouldCreateEveryTopicWithThreeReplicasTwoInSync() throws Exception {
        try (Admin admin = admin()) {
            var names = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(name -> name.startsWith(deployment.topics.prefix())).collect(Collectors.toSet());
            var descriptions = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            var configs = admin.describeConfigs(names.stream()
                            .map(n -> new org.apache.kafka.common.config.ConfigResource(
                                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, n))
                            .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);

            assertThat(names).as("pidgr's topics and the Streams internals").hasSizeGreaterThan(8);
            descriptions.forEach((name, description) -> assertThat(description.partitions())
                    .as("replicas of %s", name).allSatisfy(p -> assertThat(p.replicas()).hasSize(3)));
            configs.forEach((resource, config) -> assertThat(config.get("min.insync.replicas").value())
                    .as("min.insync.replicas of %s", resource.name()).isEqualTo("2"));
        }
    }

    @Test
    @Order(2)
    void shouldReadThroughOneApiInstanceWhatWasWrittenThroughTheOtherWithMinVersion() {
        try (Api viaA = new Api(a.grpcPort(), ORG); Api viaB = new Api(b.grpcPort(), ORG)) {
            String templateId = viaA.templates()
                    .createTemplate(Requests.template("Read your writes"))
                    .getTemplate()
                    .getId();
            String campaignId = viaA.campaigns()
                    .createCampaign(Requests.campaign("v0", templateId, Requests.users(3), null))
                    .getCampaign()
                    .getId();
            int rounds = Profile.FULL ? 200 : 40;
            for (int i = 1; i <= rounds; i++) {
                AtomicReference<Metadata> headers = new AtomicReference<>();
                Api.stub(CampaignServiceGrpc.newBlockingStub(viaA.channel), viaA.admin(), Map.of(), CALL)
                        .withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, new AtomicReference<>()))
                        .updateCampaign(UpdateCampaignRequest.newBuilder().setId(campaignId).setName("v" + i).build());
                String version = headers.get().get(VERSION);

                var read = Api.stub(
                                CampaignServiceGrpc.newBlockingStub(viaB.channel),
                                viaB.admin(),
                                Map.of("x-pidgr-min-version", version),
                                CALL)
                        .getCampaign(GetCampaignRequest.newBuilder()
                                .setId(campaignId)
                                .build())
                        .getCampaign();

                assertThat(read.getName()).as("round %d", i).isEqualTo("v" + i);
                assertThat(read.getVersion()).isGreaterThanOrEqualTo(Long.parseLong(version));
            }
            Report.line(
                    "ScaleOutTest",
                    "read-your-writes: %d updates through api a, each read back at once through api b with "
                            + "x-pidgr-min-version: all current",
                    rounds);
        }
    }

    @Test
    @Order(3)
    void shouldDeliverExactlyOnceWhenTheLeadingBrokerAWorkflowInstanceAndAnApiInstanceAreKilledDuringTheFanOut()
            throws Exception {
        try (Api viaA = new Api(a.grpcPort(), ORG); Api viaB = new Api(b.grpcPort(), ORG)) {
            List<String> users = Requests.users(MEMBERS);
            String templateId = viaB.templates().createTemplate(Requests.template("Scale out")).getTemplate().getId();
            String campaignId = viaB.campaigns()
                    .createCampaign(Requests.campaign("Scale out", templateId, users, null))
                    .getCampaign()
                    .getId();
            List<String> acknowledging = IntStream.range(0, MEMBERS)
                    .filter(i -> i % 5 == 0)
                    .mapToObj(users::get)
                    .toList();
            Set<String> opening = IntStream.range(0, MEMBERS)
                    .filter(i -> i % 10 == 0)
                    .mapToObj(users::get)
                    .collect(Collectors.toSet());
            int partition = Offsets.partitionOf(
                            deployment.topics.campaignEvents().name(), campaignId, PARTITIONS)
                    .partition();
            RetryingClient commands = new RetryingClient(List.of(viaA, viaB));
            ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            AtomicBoolean creating = new AtomicBoolean(true);
            long started = System.nanoTime();
            List<String> kills = new ArrayList<>();
            Recipients throughA;
            Recipients throughB;
            Thread creator = Thread.ofPlatform()
                    .name("template-creator")
                    .start(() -> createTemplates(commands, creating, created, failures, 0));
            try (FanOutWatch watch = new FanOutWatch(deployment.bootstrapServers, deployment.topics, campaignId)) {
                throughA = new Recipients(viaA, campaignId, half(acknowledging, 0), opening, RECIPIENT_THREADS);
                throughB = new Recipients(viaB, campaignId, half(acknowledging, 1), opening, RECIPIENT_THREADS);
                viaB.campaigns().startCampaign(StartCampaignRequest.newBuilder().setId(campaignId).build());

                int seen = watch.awaitMoreThan(MEMBERS / 10, Duration.ofMinutes(3));
                int leader = cluster.leaderOf(deployment.topics.deliveryEvents().name(), partition);
                cluster.kill(leader);
                kills.add("broker " + leader + " (leader of the campaign's partition) at " + seen);

                seen = watch.awaitMoreThan(watch.sent() + MEMBERS / 10, Duration.ofMinutes(3));
                Serve walker = workflowOwning(new TopicPartition(deployment.topics.campaignEvents().name(), partition));
                walker.kill();
                kills.add(walker.name() + " (walking the campaign) at " + seen);
                assertThat(seen)
                        .as("notifications committed at the kills: in the middle of the fan-out")
                        .isLessThan(MEMBERS);

                a.kill();
                kills.add("a (api, command, query) at " + watch.sent());
                walker.start();
                Sleep.millis(2_000);
                a.start().awaitReady(Deployment.START_LIMIT);
                walker.awaitReady(Deployment.START_LIMIT);
                cluster.restart(leader);
            }
            await().atMost(Duration.ofMinutes(5))
                    .ignoreExceptions()
                    .until(() -> viaB.campaigns()
                                    .getCampaign(GetCampaignRequest.newBuilder()
                                            .setId(campaignId)
                                            .build())
                                    .getCampaign()
                                    .getStatus()
                            == CampaignStatus.CAMPAIGN_STATUS_COMPLETED);
            throughA.awaitDone(RECIPIENTS_DONE);
            throughB.awaitDone(RECIPIENTS_DONE);
            creating.set(false);
            creator.join(Duration.ofMinutes(6));
            long elapsed = Duration.ofNanos(System.nanoTime() - started).toSeconds();

            CampaignFold fold = CampaignFold.of(deployment.bootstrapServers, deployment.topics, campaignId);
            FoldChecks.assertExactlyOnce(fold, users);
            assertThat(fold.status).isEqualTo(CampaignStatus.CAMPAIGN_STATUS_COMPLETED);
            Set<String> acknowledged = new java.util.HashSet<>(throughA.acknowledged());
            acknowledged.addAll(throughB.acknowledged());
            assertThat(acknowledged).containsExactlyInAnyOrderElementsOf(acknowledging);
            assertThat(fold.deliveries.values()).allSatisfy(d -> {
                assertThat(d.acknowledgements())
                        .as("acknowledgements of %s", d.userId())
                        .isEqualTo(acknowledging.contains(d.userId()) ? 1 : 0);
                assertThat(d.receipts())
                        .as("receipts of %s", d.userId())
                        .isEqualTo(opening.contains(d.userId()) ? 1 : 0);
            });
            assertThat(fold.count(DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED)).isEqualTo(acknowledging.size());
            FoldChecks.assertApiEqualsFold(viaA, fold);
            FoldChecks.assertApiEqualsFold(viaB, fold);
            assertThat(failures).as("template creations that failed for good").isEmpty();
            assertTemplatesCreatedOncePerKey(List.copyOf(created), 0);
            Report.line(
                    "ScaleOutTest",
                    "%d members, SIGKILLs (notifications committed): %s; %d acknowledgements through two api instances"
                        + " counted once; %d templates created by a retrying client, each once; completed and checked"
                        + " in %d s; recipients' retries %s and %s, creations retried %d %s",
                    MEMBERS,
                    kills,
                    acknowledging.size(),
                    created.size(),
                    elapsed,
                    throughA.retries(),
                    throughB.retries(),
                    commands.retriedCalls(),
                    commands.retriesByCode());
            throughA.close();
            throughB.close();
        }
    }

    @Test
    @Order(4)
    void shouldLoseNothingAndFailNoCallBeyondARetriedUnavailableWhileEveryInstanceIsRestartedOneAtATime()
            throws Exception {
        int members = MEMBERS / 2;
        try (Api viaA = new Api(a.grpcPort(), ORG); Api viaB = new Api(b.grpcPort(), ORG)) {
            List<String> users = Requests.users(members);
            String templateId = viaA.templates().createTemplate(Requests.template("Rolling")).getTemplate().getId();
            String campaignId = viaA.campaigns()
                    .createCampaign(Requests.campaign("Rolling", templateId, users, null))
                    .getCampaign()
                    .getId();
            List<String> acknowledging = IntStream.range(0, members)
                    .filter(i -> i % 5 == 0)
                    .mapToObj(users::get)
                    .toList();
            RetryingClient commands = new RetryingClient(List.of(viaA, viaB));
            ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            AtomicBoolean creating = new AtomicBoolean(true);
            int firstKey = templatesCreatedSoFar();
            Thread creator = Thread.ofPlatform().name("template-creator")
                    .start(() -> createTemplates(commands, creating, created, failures, firstKey));
            Recipients throughA = new Recipients(viaA, campaignId, half(acknowledging, 0), Set.of(), 2);
            Recipients throughB = new Recipients(viaB, campaignId, half(acknowledging, 1), Set.of(), 2);
            viaB.campaigns().startCampaign(StartCampaignRequest.newBuilder().setId(campaignId).build());
            long started = System.nanoTime();
            List<String> restarted = new ArrayList<>();
            for (Serve serve : Profile.FULL ? List.of(a, b, w1, w2) : List.of(a, w1)) {
                long stopped = System.nanoTime();
                serve.stop();
                serve.start().awaitReady(Deployment.START_LIMIT);
                restarted.add(serve.name() + " " + Duration.ofNanos(System.nanoTime() - stopped).toSeconds() + " s");
            }
            int partition = Offsets.partitionOf(
                            deployment.topics.campaignEvents().name(), campaignId, PARTITIONS)
                    .partition();
            List<Integer> brokers = Profile.FULL
                    ? List.of(1, 2, 3)
                    : List.of(
                            cluster.leaderOf(deployment.topics.deliveryEvents().name(), partition));
            for (int broker : brokers) {
                long stopped = System.nanoTime();
                cluster.stop(broker);
                cluster.restart(broker);
                awaitEveryReplicaInSync();
                restarted.add("broker " + broker + " "
                        + Duration.ofNanos(System.nanoTime() - stopped).toSeconds() + " s");
            }
            await().atMost(Duration.ofMinutes(5))
                    .ignoreExceptions()
                    .until(() -> viaB.campaigns()
                                    .getCampaign(GetCampaignRequest.newBuilder()
                                            .setId(campaignId)
                                            .build())
                                    .getCampaign()
                                    .getStatus()
                            == CampaignStatus.CAMPAIGN_STATUS_COMPLETED);
            throughA.awaitDone(RECIPIENTS_DONE);
            throughB.awaitDone(RECIPIENTS_DONE);
            creating.set(false);
            creator.join(Duration.ofMinutes(6));
            long elapsed = Duration.ofNanos(System.nanoTime() - started).toSeconds();

            CampaignFold fold = CampaignFold.of(deployment.bootstrapServers, deployment.topics, campaignId);
            FoldChecks.assertExactlyOnce(fold, users);
            assertThat(fold.count(DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED)).isEqualTo(acknowledging.size());
            assertThat(fold.deliveries.values())
                    .allSatisfy(d -> assertThat(d.acknowledgements())
                            .as("acknowledgements of %s", d.userId())
                            .isEqualTo(acknowledging.contains(d.userId()) ? 1 : 0));
            FoldChecks.assertApiEqualsFold(viaA, fold);
            assertThat(failures).as("template creations that failed for good").isEmpty();
            assertThat(commands.retriesByCode().keySet())
                    .as("statuses a creation was retried on")
                    .isSubsetOf(io.grpc.Status.Code.UNAVAILABLE);
            assertThat(throughA.retries().keySet())
                    .as("statuses an acknowledgement was retried on")
                    .isSubsetOf("NOT_FOUND", "UNAVAILABLE");
            assertThat(throughB.retries().keySet())
                    .as("statuses an acknowledgement was retried on")
                    .isSubsetOf("NOT_FOUND", "UNAVAILABLE");
            assertTemplatesCreatedOncePerKey(List.copyOf(created), firstKey);
            Report.line(
                    "ScaleOutTest",
                    "rolling restart (SIGTERM, start, ready; brokers: until every replica is in sync again) of %s"
                        + " under load: %d members completed, %d acknowledgements counted once, %d templates created"
                        + " once each, in %d s; creations retried %d %s; recipients' retries %s and %s",
                    restarted,
                    members,
                    acknowledging.size(),
                    created.size(),
                    elapsed,
                    commands.retriedCalls(),
                    commands.retriesByCode(),
                    throughA.retries(),
                    throughB.retries());
            throughA.close();
            throughB.close();
        }
    }

    private static void awaitEveryReplicaInSync() {
        await().atMost(Duration.ofMinutes(3)).ignoreExceptions().until(() -> {
            try (Admin admin = admin()) {
                var names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                        .flatMap(d -> d.partitions().stream()).allMatch(p -> p.isr().size() == p.replicas().size());
            }
        });
    }

    private static int templatesCreatedSoFar() {
        return (int)
                TopicReader.committed(
                                deployment.bootstrapServers,
                                deployment.topics.templateEvents().name())
                        .stream()
                        .map(r ->
                                deployment.topics.templateEvents().valueSerde().parse(r.value()))
                        .filter(e -> e.getPayloadCase() == TemplateEvent.PayloadCase.CREATED
                                && e.getCreated().getName().startsWith("Template "))
                        .count();
    }

    /** A client creating templates, one key each, through both api instances in turn, until told to stop. */
    private static void createTemplates(
            RetryingClient client,
            AtomicBoolean creating,
            ConcurrentLinkedQueue<String> created,
            ConcurrentLinkedQueue<Throwable> failures,
            int firstKey) {
        for (int i = firstKey; creating.get(); i++) {
            int n = i;
            try {
                created.add(client.call(
                        "scale-tpl-" + n,
                        n,
                        (api, key) -> Api.stub(
                                        TemplateServiceGrpc.newBlockingStub(api.channel),
                                        api.admin(),
                                        Map.of("idempotency-key", key),
                                        CALL)
                                .createTemplate(Requests.template("Template " + n))
                                .getTemplate()
                                .getId()));
            } catch (RuntimeException e) {
                failures.add(e);
            }
            Sleep.millis(50);
        }
    }

    /**
     * Each key's template (keys numbered from {@code firstKey}) exists once on the topic, with the id the key
     * determines.
     */
    private static void assertTemplatesCreatedOncePerKey(List<String> created, int firstKey) {
        Map<String, Long> createdEvents =
                TopicReader.committed(
                                deployment.bootstrapServers,
                                deployment.topics.templateEvents().name())
                        .stream()
                        .map(r ->
                                deployment.topics.templateEvents().valueSerde().parse(r.value()))
                        .filter(e -> e.getPayloadCase() == TemplateEvent.PayloadCase.CREATED
                                && e.getCreated().getName().startsWith("Template "))
                        .collect(Collectors.groupingBy(TemplateEvent::getTemplateId, Collectors.counting()));
        assertThat(created).isNotEmpty();
        assertThat(createdEvents.keySet()).containsAll(created).hasSize(firstKey + created.size());
        assertThat(createdEvents.values()).containsOnly(1L);
        for (int i = 0; i < created.size(); i++) {
            assertThat(created.get(i)).isEqualTo(Ids.templateIdForIdempotencyKey(ORG, "scale-tpl-" + (firstKey + i)));
        }
    }

    /** The workflow instance whose stream thread is assigned {@code partition} now (by its client.id prefix). */
    private static Serve workflowOwning(TopicPartition partition) throws Exception {
        String group = deployment.topics.prefix() + "pidgr-workflow";
        return await().atMost(Duration.ofMinutes(1))
                .ignoreExceptions()
                .until(
                        () -> {
                            try (Admin admin = admin()) {
                                for (MemberDescription member : admin.describeConsumerGroups(List.of(group))
                                        .all()
                                        .get(30, TimeUnit.SECONDS)
                                        .get(group)
                                        .members()) {
                                    if (member.assignment().topicPartitions().contains(partition)) {
                                        return member.clientId().startsWith("scale-w1")
                                                ? w1
                                                : member.clientId().startsWith("scale-w2") ? w2 : null;
                                    }
                                }
                                return null;
                            }
                        },
                        serve -> serve != null);
    }

    private static List<String> half(List<String> users, int which) {
        return IntStream.range(0, users.size()).filter(i -> i % 2 == which).mapToObj(users::get).toList();
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }
}
