package dev.pidgr.faults;

import dev.pidgr.api.v1.CallWebhookConfig;
import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.CreateCampaignRequest;
import dev.pidgr.api.v1.CreateTemplateRequest;
import dev.pidgr.api.v1.GetCampaignRequest;
import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.StartCampaignRequest;
import dev.pidgr.api.v1.StepType;
import dev.pidgr.api.v1.TemplateServiceGrpc;
import dev.pidgr.api.v1.TemplateType;
import dev.pidgr.api.v1.TemplateVariable;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.faults.support.Api;
import dev.pidgr.faults.support.Requests;
import dev.pidgr.faults.support.RsaTokens;
import dev.pidgr.faults.support.TestDns;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Organization A, an authenticated tenant admin (and its anonymous friends) doing what the issue
 * "Harden against a hostile tenant" found possible: templates that amplify or nest without end,
 * bodies that make text extraction quadratic, a non-ASCII webhook header, floods of parked creates
 * with huge deadlines, webhook hosts whose DNS hangs, tokens with made-up key ids, and reads waiting
 * for a version that never comes. Each attack records every status it got, to be compared with the
 * status docs/security.md documents for it.
 */
final class HostileAttacks implements AutoCloseable {

    static final String ORGANIZATION = "org-hostile-a";
    /** A deadline no server should honour: ten hours. */
    static final Duration HUGE_DEADLINE = Duration.ofHours(10);
    /** The amplifying step variable: the largest value a custom variable may have. */
    static final String TEN_THOUSAND = "x".repeat(10_000);

    /** What one attack got: every call's status and the statuses documented for it. */
    record Outcome(String attack, Set<Status.Code> documented, Map<Status.Code, Integer> seen, long slowestMillis,
                   Map<Status.Code, String> examples) {
        boolean asDocumented() {
            return !seen.isEmpty() && documented.containsAll(seen.keySet());
        }
    }

    /** Campaigns A started whose end is checked afterwards. */
    final List<String> amplified = new ArrayList<>();
    final List<String> quadratic = new ArrayList<>();
    final List<String> slowDns = new ArrayList<>();

    private final ManagedChannel channel;
    private final RsaTokens tokens;
    /** Platform threads, and requests and tokens made before the attack: this JVM also hosts B's webhook receiver. */
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Future<?>> running = new ArrayList<>();
    private final List<Tally> background = new ArrayList<>();
    private final List<CreateCampaignRequest> parkedRequests = new ArrayList<>();
    private final List<String> forged = new ArrayList<>();

    HostileAttacks(ManagedChannel channel, RsaTokens tokens) {
        this.channel = channel;
        this.tokens = tokens;
    }

    CampaignServiceGrpc.CampaignServiceBlockingStub campaigns(Duration deadline) {
        return Api.stub(CampaignServiceGrpc.newBlockingStub(channel), tokens.admin(ORGANIZATION), Map.of(), deadline);
    }

    private TemplateServiceGrpc.TemplateServiceBlockingStub templates() {
        return Api.stub(
                TemplateServiceGrpc.newBlockingStub(channel), tokens.admin(ORGANIZATION), Map.of(), Api.DEADLINE);
    }

    /** Templates beyond the limits: 10,000 placeholders, sections nested 4,000 deep, unescaped HTML. All refused. */
    Outcome refusedTemplates() {
        Tally tally = new Tally("templates beyond the limits", Set.of(Status.Code.INVALID_ARGUMENT));
        tally.call(() -> templates()
                .createTemplate(template("{{a}}".repeat(10_000), "Hi", TemplateType.TEMPLATE_TYPE_MARKDOWN)));
        tally.call(() -> templates()
                .createTemplate(template(
                        "{{#a}}".repeat(4_000) + "deep" + "{{/a}}".repeat(4_000),
                        "Hi",
                        TemplateType.TEMPLATE_TYPE_MARKDOWN)));
        tally.call(() -> templates().createTemplate(template("<p>{{{a}}}</p>", "Hi", TemplateType.TEMPLATE_TYPE_HTML)));
        tally.call(() -> templates().createTemplate(template("<p>{{&a}}</p>", "Hi", TemplateType.TEMPLATE_TYPE_HTML)));
        return tally.outcome();
    }

    /**
     * Templates within the limits that still amplify (every placeholder the 10,000-character step
     * variable, in body and title), and bodies that make regex-based text extraction quadratic; each
     * personalised, so no render cache helps. Started; they must complete with cut messages.
     */
    void startAmplifyingCampaigns(int members, int placeholders) {
        String amplifier = templates().createTemplate(template("{{a}}".repeat(placeholders), "{{a}}".repeat(40),
                TemplateType.TEMPLATE_TYPE_MARKDOWN)).getTemplate().getId();
        amplified.add(startWith(amplifier, members, Map.of("a", TEN_THOUSAND)));
        String comments = templates().createTemplate(template("{{first_name}}" + "<!--".repeat(12_000), "Hi",
                TemplateType.TEMPLATE_TYPE_HTML)).getTemplate().getId();
        quadratic.add(startWith(comments, members, Map.of()));
        String brackets = templates().createTemplate(template("{{first_name}}" + "[".repeat(48_000), "Hi",
                TemplateType.TEMPLATE_TYPE_MARKDOWN)).getTemplate().getId();
        quadratic.add(startWith(brackets, members, Map.of()));
    }

    /** A webhook header value with a character outside visible ASCII: refused when the workflow is accepted. */
    Outcome nonAsciiHeader(String templateId) {
        Tally tally = new Tally("non-ASCII webhook header", Set.of(Status.Code.INVALID_ARGUMENT));
        WorkflowDefinition workflow = webhookWorkflow("https://hooks.example.com/pidgr", Map.of("X-Team", "équipe"));
        tally.call(() -> campaigns(Api.DEADLINE)
                .createCampaign(Requests.campaign("Accents", templateId, Requests.users(5), workflow)));
        return tally.outcome();
    }

    /**
     * Builds the large creates and mints the forged tokens beforehand: this JVM also hosts B's
     * webhook receiver and times B's calls, and RSA signatures by the thousand would compete with them.
     */
    void prepare(int creates, int members, int forgedTokens) {
        CreateCampaignRequest template =
                Requests.campaign("Parked", UUID.randomUUID().toString(), Requests.users(members), null);
        for (int i = 0; i < creates; i++) {
            parkedRequests.add(template.toBuilder().setTemplateId(UUID.randomUUID().toString()).build());
        }
        for (int i = 0; i < forgedTokens; i++) {
            forged.add(tokens.withRandomKeyId(ORGANIZATION));
        }
    }

    /**
     * The prepared creates, naming templates that do not exist (so each waits for its template to
     * arrive), all at once, each with a ten-hour deadline.
     */
    void parkedCreates() {
        Tally tally = inBackground("parked creates with random template ids and 10 h deadlines",
                Set.of(Status.Code.FAILED_PRECONDITION, Status.Code.RESOURCE_EXHAUSTED));
        for (CreateCampaignRequest request : parkedRequests) {
            running.add(pool.submit(() -> tally.call(() -> campaigns(HUGE_DEADLINE).createCampaign(request))));
        }
    }

    /** Campaigns whose webhook host takes a minute to resolve. Started; each must end with its webhook failed. */
    void startSlowDnsCampaigns(String templateId, int campaigns) {
        for (int i = 0; i < campaigns; i++) {
            String url = "https://" + TestDns.slow("hook-" + i) + "/pidgr";
            String id = campaigns(Api.DEADLINE)
                    .createCampaign(Requests.campaign(
                            "Slow DNS " + i, templateId, Requests.users(10), webhookWorkflow(url, Map.of())))
                    .getCampaign()
                    .getId();
            campaigns(Api.DEADLINE).startCampaign(StartCampaignRequest.newBuilder().setId(id).build());
            slowDns.add(id);
        }
    }

    /** Anonymous callers with the prepared well-formed RS256 tokens naming key ids nobody published. */
    void randomKeyIds(String campaignId) {
        Tally tally = inBackground("tokens with random key ids", Set.of(Status.Code.UNAUTHENTICATED));
        running.add(pool.submit(() -> {
            for (String token : forged) {
                tally.call(() -> Api.stub(CampaignServiceGrpc.newBlockingStub(channel), token, Map.of(), Api.DEADLINE)
                        .getCampaign(GetCampaignRequest.newBuilder().setId(campaignId).build()));
            }
        }));
    }

    /** Reads demanding a version of A's campaign that will never exist, concurrently, with ten-hour deadlines. */
    void unreachableVersions(int calls, String campaignId) {
        Tally tally = inBackground("reads waiting for a version that never comes",
                Set.of(Status.Code.UNAVAILABLE, Status.Code.RESOURCE_EXHAUSTED));
        for (int i = 0; i < calls; i++) {
            running.add(pool.submit(() -> tally.call(() -> Api.stub(
                            CampaignServiceGrpc.newBlockingStub(channel),
                            tokens.admin(ORGANIZATION),
                            Map.of("x-pidgr-min-version", "1000000"),
                            HUGE_DEADLINE)
                    .getCampaign(
                            GetCampaignRequest.newBuilder().setId(campaignId).build()))));
        }
    }

    /** Waits for every call of the attacks running in the background; one outcome per attack. */
    List<Outcome> awaitBackground() throws Exception {
        for (Future<?> future : running) {
            future.get();
        }
        return background.stream().map(Tally::outcome).toList();
    }

    private Tally inBackground(String attack, Set<Status.Code> documented) {
        Tally tally = new Tally(attack, documented);
        background.add(tally);
        return tally;
    }

    /** A template of A's (the normal kind, for the attacks that need one). */
    String templatesFor(CreateTemplateRequest request) {
        return templates().createTemplate(request).getTemplate().getId();
    }

    String draft(String templateId) {
        return campaigns(Api.DEADLINE)
                .createCampaign(Requests.campaign("A's draft", templateId, Requests.users(3), null))
                .getCampaign()
                .getId();
    }

    private String startWith(String templateId, int members, Map<String, String> stepVariables) {
        WorkflowDefinition workflow = WorkflowDefinition.newBuilder().addSteps(WorkflowStep.newBuilder().setId("send")
                .setType(StepType.STEP_TYPE_SEND_NOTIFICATION)
                .setSendNotification(SendNotificationConfig.newBuilder().putAllCustomVariables(stepVariables))).build();
        CreateCampaignRequest request = Requests.campaign("Amplified", templateId, Requests.users(members), workflow);
        String id = campaigns(Api.DEADLINE).createCampaign(request).getCampaign().getId();
        campaigns(Api.DEADLINE).startCampaign(StartCampaignRequest.newBuilder().setId(id).build());
        return id;
    }

    private static CreateTemplateRequest template(String body, String title, TemplateType type) {
        return CreateTemplateRequest.newBuilder().setName("Hostile").setTitle(title).setBody(body).setType(type)
                .addVariables(TemplateVariable.newBuilder().setName("a").setDefaultValue("-"))
                .addVariables(TemplateVariable.newBuilder().setName("first_name").setDefaultValue("-"))
                .build();
    }

    private static WorkflowDefinition webhookWorkflow(String url, Map<String, String> headers) {
        WorkflowDefinition base = Requests.sendThenWebhook(url);
        WorkflowStep hook = base.getSteps(1).toBuilder()
                .setCallWebhook(CallWebhookConfig.newBuilder()
                        .setName("hook")
                        .setUrl(url)
                        .putAllHeaders(headers))
                .build();
        return base.toBuilder().setSteps(1, hook).build();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** Counts the statuses of an attack's calls (thread-safe: background attacks share one). */
    private static final class Tally {
        private final String attack;
        private final Set<Status.Code> documented;
        private final Map<Status.Code, Integer> seen = new EnumMap<>(Status.Code.class);
        private final Map<Status.Code, String> examples = new EnumMap<>(Status.Code.class);
        private long slowestMillis;

        Tally(String attack, Set<Status.Code> documented) {
            this.attack = attack;
            this.documented = documented;
        }

        void call(Supplier<?> call) {
            long started = System.nanoTime();
            Status.Code code;
            String description = "";
            try {
                call.get();
                code = Status.Code.OK;
            } catch (StatusRuntimeException e) {
                code = e.getStatus().getCode();
                description = String.valueOf(e.getStatus().getDescription());
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            synchronized (this) {
                seen.merge(code, 1, Integer::sum);
                examples.putIfAbsent(code, description);
                slowestMillis = Math.max(slowestMillis, millis);
            }
        }

        synchronized Outcome outcome() {
            return new Outcome(attack, documented, new EnumMap<>(seen), slowestMillis, new EnumMap<>(examples));
        }
    }
}
