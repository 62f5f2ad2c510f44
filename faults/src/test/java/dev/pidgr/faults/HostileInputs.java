package dev.pidgr.faults;

import static dev.pidgr.faults.support.Case.invalid;

import dev.pidgr.api.v1.CallWebhookConfig;
import dev.pidgr.api.v1.CampaignServiceGrpc;
import dev.pidgr.api.v1.CreateTemplateRequest;
import dev.pidgr.api.v1.TemplateServiceGrpc;
import dev.pidgr.api.v1.TemplateVariable;
import dev.pidgr.api.v1.UpdateTemplateRequest;
import dev.pidgr.api.v1.UpdateCampaignRequest;
import dev.pidgr.api.v1.WorkflowDefinition;
import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.faults.support.Case;
import dev.pidgr.faults.support.Requests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bad inputs a hostile tenant tries (docs/security.md): webhook headers HTTP cannot carry,
 * hosts that only look like addresses, and every special-purpose address range, literal or carried
 * in IPv6, and templates beyond the shape limits or with unescaped tags. Each is INVALID_ARGUMENT
 * naming its field, on Create and on Update.
 */
final class HostileInputs {

    /** The hook is the second step of {@link Requests#sendThenWebhook}. */
    private static final String HOOK = "workflow.steps[1].call_webhook.";

    private HostileInputs() {
    }

    static List<Case> campaigns(MatrixFixture f) {
        List<Case> cases = new ArrayList<>();
        cases.addAll(headers(f, "X-Name", "café", "non-ASCII header value"));
        cases.addAll(headers(f, "X-Name", "token ", "header value ending in a space"));
        cases.addAll(headers(f, "X-Name", "a\u007fb", "header value with DEL"));
        cases.addAll(headers(f, "X:Name", "v", "header name that is no HTTP token"));
        for (String host : List.of("1.2.3.4.5", "2130706433", "010.0.0.1", "0x7f000001", "256.1.1.1", "1..2",
                "[64:ff9b::a00:1]", "[64:ff9b:1::1]", "[2002:7f00:1::]", "[2001:0:808:808::3f57:fefe]", "[::a9fe:a9fe]",
                "[::ffff:169.254.169.254]", "[fec0::1]", "255.255.255.255", "240.0.0.1", "198.18.0.1", "192.0.0.8",
                "192.0.2.1", "[2001:db8::1]", "[100::1]")) {
            cases.addAll(url(f, "https://" + host + "/hook", "webhook host " + host));
        }
        return cases;
    }

    /** Templates beyond the shape limits (1,000 tags, sections 10 deep, names of 200) or with unescaped tags. */
    static List<Case> templates(MatrixFixture f) {
        TemplateServiceGrpc.TemplateServiceBlockingStub t = f.a.templates();
        CreateTemplateRequest good = Requests.template("Hostile");
        String nested = "{{#first_name}}".repeat(11) + "x" + "{{/first_name}}".repeat(11);
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("1,001 tags", "{{first_name}}".repeat(1_001));
        bodies.put("sections nested 11 deep", nested);
        bodies.put("sections nested 4,000 deep", "{{#first_name}}".repeat(2_000) + "{{/first_name}}".repeat(2_000));
        bodies.put("a tag name of 201", "{{first_name." + "x".repeat(190) + "}}");
        bodies.put("triple braces", "<p>{{{first_name}}}</p>");
        bodies.put("an ampersand tag", "<p>{{& first_name}}</p>");
        List<Case> cases = new ArrayList<>();
        bodies.forEach((what, body) -> {
            cases.add(invalid(
                    "CreateTemplate",
                    "body with " + what,
                    "body",
                    () -> t.createTemplate(good.toBuilder().setBody(body).build())));
            cases.add(invalid(
                    "UpdateTemplate",
                    "body with " + what,
                    "body",
                    () -> t.updateTemplate(UpdateTemplateRequest.newBuilder()
                            .setTemplateId(f.templateId)
                            .setBody(body)
                            .addAllVariables(good.getVariablesList())
                            .build())));
        });
        cases.add(invalid(
                "CreateTemplate",
                "title nested 11 deep",
                "title",
                () -> t.createTemplate(good.toBuilder()
                        .addVariables(TemplateVariable.newBuilder().setName("a"))
                        .setTitle("{{#a}}".repeat(11) + "{{/a}}".repeat(11))
                        .build())));
        cases.add(invalid(
                "CreateTemplate",
                "title with an ampersand tag",
                "title",
                () -> t.createTemplate(
                        good.toBuilder().setTitle("Hi {{& first_name}}").build())));
        return cases;
    }

    private static List<Case> headers(MatrixFixture f, String name, String value, String what) {
        return both(f, what, HOOK + "headers[" + name + "]", hook("https://hooks.example.com/p", Map.of(name, value)));
    }

    private static List<Case> url(MatrixFixture f, String url, String what) {
        return both(f, what, HOOK + "url", hook(url, Map.of()));
    }

    /** The same workflow sent with CreateCampaign and with UpdateCampaign of the fixture's draft. */
    private static List<Case> both(MatrixFixture f, String what, String field, WorkflowDefinition workflow) {
        CampaignServiceGrpc.CampaignServiceBlockingStub c = f.a.campaigns();
        return List.of(
                invalid(
                        "CreateCampaign",
                        what,
                        field,
                        () -> c.createCampaign(
                                InvalidRequests.draft(f).setWorkflow(workflow).build())),
                invalid(
                        "UpdateCampaign",
                        what,
                        field,
                        () -> c.updateCampaign(UpdateCampaignRequest.newBuilder()
                                .setId(f.draftId)
                                .setWorkflow(workflow)
                                .build())));
    }

    private static WorkflowDefinition hook(String url, Map<String, String> headers) {
        WorkflowDefinition base = Requests.sendThenWebhook("https://hooks.example.com/p");
        WorkflowStep hook = base.getSteps(1).toBuilder()
                .setCallWebhook(CallWebhookConfig.newBuilder()
                        .setName("hook")
                        .setUrl(url)
                        .putAllHeaders(headers))
                .build();
        return base.toBuilder().setSteps(1, hook).build();
    }
}
