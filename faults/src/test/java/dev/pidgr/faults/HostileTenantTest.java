package dev.pidgr.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pidgr.api.v1.Campaign;
import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.CampaignStatus;
import dev.pidgr.api.v1.Delivery;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.ListDeliveriesRequest;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.api.v1.TemplateServiceGrpc;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.events.v1.StepCompleted;
import dev.pidgr.events.v1.WebhookOutcome;
import dev.pidgr.events.v1.WebhookPageCalled;
import dev.pidgr.faults.support.Api;
import dev.pidgr.faults.support.CampaignFold;
import dev.pidgr.faults.support.Deployment;
import dev.pidgr.faults.support.HeapWatch;
import dev.pidgr.faults.support.Latencies;
import dev.pidgr.faults.support.Profile;
import dev.pidgr.faults.support.Report;
import dev.pidgr.faults.support.Requests;
import dev.pidgr.faults.support.RsaTokens;
import dev.pidgr.faults.support.Serve;
import dev.pidgr.faults.support.TestDns;
import dev.pidgr.faults.support.WebhookEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Organization B runs a normal 10,000-member campaign with a webhook, once alone and once while
 * organization A attacks the same deployment with everything {@link HostileAttacks} knows. B's
 * campaign completes both times with each webhook page called once, B's command p99 under attack
 * stays within 3x of its p99 alone (measured in this test), no process restarts or outgrows its
 * heap, and every attack gets the status docs/security.md documents, or a campaign that ends with
 * its reason. Production-shaped: RS256 tokens from a JWKS file, the api, command and query roles in
 * one process and the workflow in another, 512 MiB of heap each.
 */
class HostileTenantTest {

    private static final String B = "org-tenant-b";
    private static final int B_MEMBERS = 10_000;
    private static final int B_COMMANDS = 200;
    private static final int PAGES = B_MEMBERS / 1_000;
    private static final int AMPLIFIED_MEMBERS = Profile.FULL ? 1_000 : 200;
    private static final int AMPLIFYING_PLACEHOLDERS = 1_000;
    private static final int PARKED_CREATES = Profile.FULL ? 200 : 60;
    private static final int PARKED_MEMBERS = Profile.FULL ? 20_000 : 5_000;
    private static final int SLOW_DNS_CAMPAIGNS = Profile.FULL ? 10 : 3;
    private static final int RANDOM_KID_CALLS = Profile.FULL ? 5_000 : 1_000;
    private static final int UNREACHABLE_READS = Profile.FULL ? 400 : 100;
    private static final int MAX_BODY = 100_000;
    private static final int MAX_TITLE = 1_000;

    /** One run of B's campaign: how long it took and B's command latencies meanwhile. */
    private record Phase(String campaignId, Duration completion, Latencies commands) {
    }

    @Test
    void shouldKeepAnotherTenantsCampaignWebhookAndCommandsWhileOneTenantAttacks() throws Exception {
        RsaTokens tokens = new RsaTokens();
        try (Deployment deployment = new Deployment("hostile", 3, true);
                WebhookEndpoint endpoint = new WebhookEndpoint()) {
            deployment.withEnvironment(Map.of(
                    "PIDGR_JWKS",
                    tokens.writeJwks(deployment.dir().resolve("jwks.json")),
                    "PIDGR_JWT_ISSUER",
                    RsaTokens.ISSUER,
                    "PIDGR_JWT_AUDIENCE",
                    RsaTokens.AUDIENCE,
                    "PIDGR_JWT_HS256_SECRET_FILE",
                    ""));
            Serve edge = deployment.serve("edge", "api,command,query");
            Serve workflow = deployment.serve("workflow", "workflow");
            edge.awaitReady(Deployment.START_LIMIT);
            workflow.awaitReady(Deployment.START_LIMIT);
            try (Api api = new Api(edge.grpcPort(), B); HeapWatch heap = new HeapWatch(List.of(edge, workflow));
                 HostileAttacks a = new HostileAttacks(api.channel, tokens)) {
                String bToken = tokens.admin(B);
                Supplier<CampaignServiceGrpc.CampaignServiceBlockingStub> b = () ->
                        Api.stub(CampaignServiceGrpc.newBlockingStub(api.channel), bToken, Map.of(), Api.DEADLINE);
                String bTemplate = Api.stub(
                                TemplateServiceGrpc.newBlockingStub(api.channel),
                                tokens.admin(B),
                                Map.of(),
                                Api.DEADLINE)
                        .createTemplate(Requests.template("B's policy"))
                        .getTemplate()
                        .getId();
                String hook = "http://" + TestDns.fast("b-hooks") + ":" + endpoint.port() + "/ok";

                for (int i = 0;
                        i < B_COMMANDS;
                        i++) { // the same calls untimed first, so both phases meet a warm server
                    b.get().createCampaign(Requests.campaign("B's warm-up", bTemplate, Requests.users(10), null));
                }
                Phase alone = runB(b, bTemplate, hook, () -> { });

                String aTemplate = a.templatesFor(Requests.template("A's policy"));
                String aDraft = a.draft(aTemplate);
                List<HostileAttacks.Outcome> immediate = List.of(a.refusedTemplates(), a.nonAsciiHeader(aTemplate));
                a.prepare(PARKED_CREATES, PARKED_MEMBERS, RANDOM_KID_CALLS);
                Phase attacked = runB(b, bTemplate, hook, () -> {
                    a.startAmplifyingCampaigns(AMPLIFIED_MEMBERS, AMPLIFYING_PLACEHOLDERS);
                    a.parkedCreates();
                    a.startSlowDnsCampaigns(aTemplate, SLOW_DNS_CAMPAIGNS);
                    a.randomKeyIds(aDraft);
                    a.unreachableVersions(UNREACHABLE_READS, aDraft);
                });
                List<HostileAttacks.Outcome> background = a.awaitBackground();

                Supplier<CampaignServiceGrpc.CampaignServiceBlockingStub> aCampaigns = () -> a.campaigns(Api.DEADLINE);
                for (String id : concat(a.amplified, a.quadratic, a.slowDns)) {
                    await().atMost(Duration.ofMinutes(5))
                            .pollInterval(Duration.ofSeconds(1))
                            .until(() -> ended(aCampaigns, id));
                }

                double ratio = attacked.commands().percentile(99) / alone.commands().percentile(99);
                List<HeapWatch.Peak> peaks = heap.peaks();
                report(alone, attacked, ratio, concat(immediate, background), peaks);
                SoftAssertions.assertSoftly(softly -> {
                    for (HostileAttacks.Outcome outcome : concat(immediate, background)) {
                        softly.assertThat(outcome.asDocumented())
                                .as(outcome.toString())
                                .isTrue();
                    }
                    assertWebhookPagesOnce(softly, endpoint, alone.campaignId());
                    assertWebhookPagesOnce(softly, endpoint, attacked.campaignId());
                    a.amplified.forEach(id -> assertCutAndCompleted(softly, aCampaigns, id));
                    a.quadratic.forEach(id -> softly.assertThat(status(aCampaigns, id))
                            .as(id)
                            .isEqualTo(CampaignStatus.CAMPAIGN_STATUS_COMPLETED));
                    a.slowDns.forEach(id -> assertWebhookFailedOnDns(softly, deployment, id));
                    softly.assertThat(ratio)
                            .as("B's command p99 under attack / alone")
                            .isLessThanOrEqualTo(3.0);
                    peaks.forEach(p -> softly.assertThat(p.samePid())
                            .as(p.name() + " is the process it was")
                            .isTrue());
                    for (Serve s : List.of(edge, workflow)) {
                        softly.assertThat(s.ready()).as(s.name() + " ready").isTrue();
                        softly.assertThat(s.logText())
                                .as(s.name() + " log")
                                .doesNotContain("OutOfMemoryError", "StackOverflowError", "stream thread failed");
                    }
                    softly.assertThat(jwksWarnings(edge.logText()))
                            .as("log lines about unknown key ids")
                            .isLessThanOrEqualTo(5);
                });
            }
        }
    }

    /**
     * B's campaign with its webhook, started; then B's commands, one after another, timed for as long
     * as the campaign runs (and {@code meanwhile} attacks), and at least {@link #B_COMMANDS} of them.
     */
    private static Phase runB(
            Supplier<CampaignServiceGrpc.CampaignServiceBlockingStub> b,
            String templateId,
            String hook,
            Runnable meanwhile) {
        String id = b.get().createCampaign(Requests.campaign("B's rollout", templateId, Requests.users(B_MEMBERS),
                Requests.sendThenWebhook(hook))).getCampaign().getId();
        long started = System.nanoTime();
        b.get().startCampaign(StartCampaignRequest.newBuilder().setId(id).build());
        meanwhile.run();
        AtomicLong completedAt = new AtomicLong();
        Thread watch = Thread.ofPlatform().daemon().start(() -> {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() ->
                    status(b, id) == CampaignStatus.CAMPAIGN_STATUS_COMPLETED);
            completedAt.set(System.nanoTime());
        });
        Latencies commands = new Latencies();
        List<String> small = Requests.users(10);
        while (watch.isAlive() || commands.count() < B_COMMANDS) {
            commands.time(() -> b.get().createCampaign(Requests.campaign("B's small one", templateId, small, null)));
        }
        assertThat(completedAt.get()).as("B's campaign completed").isPositive();
        return new Phase(id, Duration.ofNanos(completedAt.get() - started), commands);
    }

    private static boolean ended(Supplier<CampaignServiceGrpc.CampaignServiceBlockingStub> stub, String id) {
        CampaignStatus status = status(stub, id);
        return status == CampaignStatus.CAMPAIGN_STATUS_COMPLETED || status == CampaignStatus.CAMPAIGN_STATUS_FAILED;
    }

    private static CampaignStatus status(Supplier<CampaignServiceGrpc.CampaignServiceBlockingStub> stub, String id) {
        return stub.get().getCampaign(GetCampaignRequest.newBuilder().setId(id).build()).getCampaign().getStatus();
    }

    /** Every page of B's webhook reached the endpoint exactly once. */
    private static void assertWebhookPagesOnce(SoftAssertions softly, WebhookEndpoint endpoint, String campaignId) {
        for (int page = 1; page <= PAGES; page++) {
            String key = Ids.webhookIdempotencyKey(campaignId, "hook", page);
            softly.assertThat(endpoint.requests("/ok").stream()
                            .filter(r -> key.equals(r.header("Idempotency-Key")))
                            .count())
                    .as("requests for page %d of %s", page, campaignId)
                    .isEqualTo(1);
        }
    }

    /** The amplified campaign completed, every message cut at the body limit and the title small. */
    private static void assertCutAndCompleted(
            SoftAssertions softly, Supplier<CampaignServiceGrpc.CampaignServiceBlockingStub> stub, String id) {
        Campaign campaign = stub.get().getCampaign(GetCampaignRequest.newBuilder().setId(id).build()).getCampaign();
        softly.assertThat(campaign.getStatus())
                .as(id + " " + campaign.getFailureReason())
                .isEqualTo(CampaignStatus.CAMPAIGN_STATUS_COMPLETED);
        List<Delivery> page = stub.get()
                .listDeliveries(
                        ListDeliveriesRequest.newBuilder().setCampaignId(id).build())
                .getDeliveriesList();
        softly.assertThat(page).as("deliveries of " + id).isNotEmpty().allSatisfy(d -> {
            assertThat(d.getMessage()
                            .getBody()
                            .codePointCount(0, d.getMessage().getBody().length()))
                    .isEqualTo(MAX_BODY);
            assertThat(d.getMessage()
                            .getTitle()
                            .codePointCount(0, d.getMessage().getTitle().length()))
                    .isEqualTo(MAX_TITLE);
        });
    }

    /**
     * A slow-DNS campaign's webhook page failed after its attempts, each stopped by the attempt's budget, and the walk
     * went on.
     */
    private static void assertWebhookFailedOnDns(SoftAssertions softly, Deployment deployment, String campaignId) {
        CampaignFold fold = CampaignFold.of(deployment.topics, campaignId);
        WebhookPageCalled page = fold.events(DeliveryEvent.PayloadCase.WEBHOOK_PAGE_CALLED)
                .getFirst()
                .getWebhookPageCalled();
        softly.assertThat(page.getOutcome()).as(campaignId).isEqualTo(WebhookOutcome.WEBHOOK_OUTCOME_FAILED);
        softly.assertThat(page.getAttempts()).as(campaignId).isEqualTo(5);
        softly.assertThat(page.getError()).as(campaignId).containsIgnoringCase("resol");
        StepCompleted hook = fold.events(DeliveryEvent.PayloadCase.STEP_COMPLETED).stream()
                .map(DeliveryEvent::getStepCompleted)
                .filter(s -> s.getStepId().equals("hook"))
                .findFirst()
                .orElseThrow();
        softly.assertThat(hook.getOutcome()).as(campaignId).isEqualTo("failed");
        softly.assertThat(fold.status).as(campaignId).isEqualTo(CampaignStatus.CAMPAIGN_STATUS_COMPLETED);
    }

    private static long jwksWarnings(String log) {
        return log.lines()
                .filter(l -> l.contains("WARN")
                        && (l.contains("JWK") || l.toLowerCase().contains("key id")))
                .count();
    }

    private static void report(
            Phase alone,
            Phase attacked,
            double ratio,
            List<HostileAttacks.Outcome> outcomes,
            List<HeapWatch.Peak> peaks) {
        Report.line(
                "HostileTenantTest",
                "B's %,d-member campaign with a webhook completed in %d ms alone and in %d ms under attack, each of"
                    + " its %d pages called once; B's CreateCampaign p50/p99 %.1f/%.1f ms alone (%d calls), %.1f/%.1f"
                    + " ms under attack (%d calls; p99 ratio %.2f, limit 3)",
                B_MEMBERS,
                alone.completion().toMillis(),
                attacked.completion().toMillis(),
                PAGES,
                alone.commands().percentile(50),
                alone.commands().percentile(99),
                alone.commands().count(),
                attacked.commands().percentile(50),
                attacked.commands().percentile(99),
                attacked.commands().count(),
                ratio);
        for (HostileAttacks.Outcome o : outcomes) {
            Report.line(
                    "HostileTenantTest",
                    "attack \"%s\": %s (slowest call %d ms; e.g. %s)",
                    o.attack(),
                    o.seen(),
                    o.slowestMillis(),
                    o.examples());
        }
        for (HeapWatch.Peak p : peaks) {
            Report.line(
                    "HostileTenantTest",
                    "process %s: same pid throughout, peak heap %d MiB of %d MiB (%d samples)",
                    p.name(),
                    p.peakUsedBytes() >> 20,
                    p.maxBytes() >> 20,
                    p.samples());
        }
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
