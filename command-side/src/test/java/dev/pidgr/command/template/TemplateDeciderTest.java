package dev.pidgr.command.template;

import static dev.pidgr.command.testing.Commands.ISSUED_AT;
import static dev.pidgr.command.testing.Commands.ORG;
import static dev.pidgr.command.testing.Commands.OTHER_ORG;
import static dev.pidgr.command.testing.Commands.createTemplate;
import static dev.pidgr.command.testing.Commands.updateTemplate;
import static dev.pidgr.command.testing.InMemoryCatalog.optional;
import static dev.pidgr.events.v1.RejectionCode.REJECTION_CODE_ABORTED;
import static dev.pidgr.events.v1.RejectionCode.REJECTION_CODE_ALREADY_EXISTS;
import static dev.pidgr.events.v1.RejectionCode.REJECTION_CODE_INVALID_ARGUMENT;
import static dev.pidgr.events.v1.RejectionCode.REJECTION_CODE_NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.TemplateType;
import dev.pidgr.api.v1.TemplateVariable;
import dev.pidgr.command.decision.Decision;
import dev.pidgr.command.decision.EventIds;
import dev.pidgr.command.decision.Rejection;
import dev.pidgr.command.decision.Violation;
import dev.pidgr.events.v1.CreateTemplate;
import dev.pidgr.events.v1.RejectionCode;
import dev.pidgr.events.v1.TemplateCommand;
import dev.pidgr.events.v1.TemplateCreated;
import dev.pidgr.events.v1.TemplateEvent;
import dev.pidgr.events.v1.UpdateTemplate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateDeciderTest {

    private static final String TEMPLATE = "5f0c7d8e-9a1b-4c2d-8e3f-4a5b6c7d8e9f";
    private final List<TemplateEvent> history = new ArrayList<>();

    private static CreateTemplate.Builder greeting() {
        return CreateTemplate.newBuilder()
                .setName("Greeting")
                .setTitle("Hello {{first_name}}")
                .setBody("Dear {{first_name}}, see you in {{city}}.")
                .addVariables(optional("first_name"))
                .addVariables(optional("city"));
    }

    private Decision<TemplateEvent> when(TemplateCommand.Builder command) {
        Decision<TemplateEvent> d = TemplateDecider.decide(command.build(), TemplateEvolver.fold(TEMPLATE, history));
        if (d instanceof Decision.Accepted<TemplateEvent> a) {
            history.addAll(a.events());
        }
        return d;
    }

    private static TemplateEvent accepted(Decision<TemplateEvent> d) {
        assertThat(d).isInstanceOf(Decision.Accepted.class);
        return ((Decision.Accepted<TemplateEvent>) d).events().get(0);
    }

    private static Rejection rejected(Decision<TemplateEvent> d, RejectionCode code, String messageContains) {
        assertThat(d).isInstanceOf(Decision.Rejected.class);
        Rejection r = ((Decision.Rejected<TemplateEvent>) d).rejection();
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.message()).contains(messageContains);
        return r;
    }

    @Test
    void shouldCreateVersionOneAsMarkdownWhenNoTypeIsGiven() {
        TemplateCommand.Builder command = createTemplate(TEMPLATE, greeting());

        TemplateEvent e = accepted(when(command));

        assertThat(e.getVersion()).isEqualTo(1);
        assertThat(e.getCreated().getType()).isEqualTo(TemplateType.TEMPLATE_TYPE_MARKDOWN);
        assertThat(e.getCreated().getBody()).isEqualTo("Dear {{first_name}}, see you in {{city}}.");
        assertThat(e.getEventId()).isEqualTo(EventIds.of(command.getMetadata().getCommandId(), 0));
        assertThat(e.getOrganizationId()).isEqualTo(ORG);
        assertThat(e.getOccurredAt()).isEqualTo(ISSUED_AT);
    }

    @Test
    void shouldKeepAnExplicitType() {
        assertThat(accepted(when(createTemplate(TEMPLATE, greeting().setType(TemplateType.TEMPLATE_TYPE_HTML))))
                .getCreated().getType()).isEqualTo(TemplateType.TEMPLATE_TYPE_HTML);
    }

    @Test
    void shouldRejectAPlaceholderInTheBodyThatNamesNoDeclaredVariable() {
        Rejection r = rejected(when(createTemplate(TEMPLATE, greeting().setBody("Hi {{frist_name}}"))),
                REJECTION_CODE_INVALID_ARGUMENT, "placeholder {{frist_name}} in body names no declared variable");

        assertThat(r.violations()).extracting(Violation::field).containsExactly("body");
    }

    @Test
    void shouldRejectAPlaceholderInTheTitleThatNamesNoDeclaredVariable() {
        rejected(when(createTemplate(TEMPLATE, greeting().setTitle("{{#urgent}}Now{{/urgent}}"))),
                REJECTION_CODE_INVALID_ARGUMENT, "placeholder {{urgent}} in title names no declared variable");
    }

    @Test
    void shouldRejectBrokenMustacheSyntax() {
        rejected(when(createTemplate(TEMPLATE, greeting().setBody("{{#city}}x"))),
                REJECTION_CODE_INVALID_ARGUMENT, "body: section {{#city}} is never closed");
    }

    @Test
    void shouldRejectMissingNameAndBody() {
        Rejection r = rejected(when(createTemplate(TEMPLATE, greeting().setName("").setBody(""))),
                REJECTION_CODE_INVALID_ARGUMENT, "name is required");

        assertThat(r.violations()).extracting(Violation::field).containsExactly("name", "body");
    }

    @Test
    void shouldRejectFieldsOverTheirLimits() {
        Rejection r = rejected(
                when(createTemplate(
                        TEMPLATE,
                        greeting()
                                .setName("n".repeat(201))
                                .setTitle("t".repeat(201))
                                .setBody("b".repeat(50_001)))),
                REJECTION_CODE_INVALID_ARGUMENT,
                "name must be at most 200");

        assertThat(r.violations()).extracting(Violation::field).containsExactly("name", "body", "title");
    }

    @Test
    void shouldRejectBadAndDuplicateVariableNames() {
        Rejection r = rejected(when(createTemplate(TEMPLATE, greeting().addVariables(optional("city"))
                        .addVariables(optional("2fast")).addVariables(TemplateVariable.newBuilder().setName("x")
                                .setDefaultValue("d".repeat(1001))))),
                REJECTION_CODE_INVALID_ARGUMENT, "variable \"city\" is declared more than once");

        assertThat(r.violations()).extracting(Violation::field)
                .containsExactly("variables[2].name", "variables[3].name", "variables[4].default_value");
    }

    @Test
    void shouldRejectMoreThanOneHundredVariables() {
        CreateTemplate.Builder many = CreateTemplate.newBuilder().setName("n").setBody("b");
        for (int i = 0; i < 101; i++) {
            many.addVariables(optional("v" + i));
        }
        rejected(when(createTemplate(TEMPLATE, many)), REJECTION_CODE_INVALID_ARGUMENT, "at most 100 variables");
    }

    @Test
    void shouldRejectCreatingATemplateThatExists() {
        when(createTemplate(TEMPLATE, greeting()));

        rejected(
                when(createTemplate(TEMPLATE, greeting())),
                REJECTION_CODE_ALREADY_EXISTS,
                "template " + TEMPLATE + " already exists");
    }

    @Test
    void shouldMakeANewVersionOnUpdate() {
        when(createTemplate(TEMPLATE, greeting()));

        TemplateEvent e = accepted(when(updateTemplate(
                TEMPLATE,
                UpdateTemplate.newBuilder().setBody("Bye {{first_name}}").addVariables(optional("first_name")))));

        assertThat(e.getVersion()).isEqualTo(2);
        assertThat(e.getUpdated().getBody()).isEqualTo("Bye {{first_name}}");
        assertThat(TemplateEvolver.fold(TEMPLATE, history).version()).isEqualTo(2);
    }

    @Test
    void shouldRejectAnUpdateThatDropsAVariableTheTitleStillUses() {
        when(createTemplate(TEMPLATE, greeting()));

        rejected(when(updateTemplate(TEMPLATE, UpdateTemplate.newBuilder().setBody("Bye"))),
                REJECTION_CODE_INVALID_ARGUMENT, "placeholder {{first_name}} in title names no declared variable");
    }

    @Test
    void shouldRejectAnUpdatePlaceholderThatNamesNoDeclaredVariable() {
        when(createTemplate(TEMPLATE, greeting()));

        rejected(
                when(updateTemplate(
                        TEMPLATE,
                        UpdateTemplate.newBuilder()
                                .setBody("{{first_name}} {{unknown}}")
                                .addVariables(optional("first_name")))),
                REJECTION_CODE_INVALID_ARGUMENT,
                "placeholder {{unknown}} in body");
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownOrForeignTemplate() {
        rejected(when(updateTemplate(TEMPLATE, UpdateTemplate.newBuilder().setBody("b"))), REJECTION_CODE_NOT_FOUND,
                "template " + TEMPLATE + " not found");
        when(createTemplate(TEMPLATE, greeting()));
        TemplateCommand.Builder foreign = updateTemplate(TEMPLATE, UpdateTemplate.newBuilder().setBody("b"));
        foreign.getMetadataBuilder().setOrganizationId(OTHER_ORG);

        rejected(when(foreign), REJECTION_CODE_NOT_FOUND, "template " + TEMPLATE + " not found");
    }

    @Test
    void shouldAbortAnUpdateBasedOnAnOlderVersion() {
        when(createTemplate(TEMPLATE, greeting()));
        when(updateTemplate(
                TEMPLATE,
                UpdateTemplate.newBuilder().setBody("v2 {{first_name}}").addVariables(optional("first_name"))));
        TemplateCommand.Builder stale = updateTemplate(TEMPLATE, UpdateTemplate.newBuilder().setBody("v3"));
        stale.getMetadataBuilder().setExpectedVersion(1);

        Rejection r = rejected(when(stale), REJECTION_CODE_ABORTED, "expected version 1 but the current version is 2");

        assertThat(r.currentVersion()).isEqualTo(2);
    }

    @Test
    void shouldShowTheNewVersionInTheSnapshot() {
        when(createTemplate(TEMPLATE, greeting()));
        TemplateEvent made = accepted(when(updateTemplate(
                TEMPLATE,
                UpdateTemplate.newBuilder().setBody("v2 {{first_name}}").addVariables(optional("first_name")))));

        var snapshot = TemplateSnapshot.of(TemplateEvolver.fold(TEMPLATE, history), made);

        assertThat(snapshot.getVersion()).isEqualTo(2);
        assertThat(snapshot.getBody()).isEqualTo("v2 {{first_name}}");
        assertThat(snapshot.getTitle()).isEqualTo("Hello {{first_name}}");
        assertThat(snapshot.getName()).isEqualTo("Greeting");
        assertThat(snapshot.getVariablesList()).extracting(TemplateVariable::getName).containsExactly("first_name");
    }

    @Test
    void shouldRejectABodyWithMoreThanOneThousandTags() {
        Rejection r = rejected(when(createTemplate(TEMPLATE, greeting().setBody("{{city}}".repeat(1001)))),
                REJECTION_CODE_INVALID_ARGUMENT, "body may have at most 1000 Mustache tags (got 1001)");

        assertThat(r.violations()).extracting(Violation::field).containsExactly("body");
    }

    @Test
    void shouldAcceptABodyWithExactlyOneThousandTags() {
        accepted(when(createTemplate(TEMPLATE, greeting().setBody("{{city}}".repeat(1000)))));
    }

    @Test
    void shouldRejectSectionsNestedMoreThanTenDeep() {
        String eleven = "{{#city}}".repeat(11) + "x" + "{{/city}}".repeat(11);

        Rejection r = rejected(when(createTemplate(TEMPLATE, greeting().setBody(eleven))),
                REJECTION_CODE_INVALID_ARGUMENT, "body may nest sections at most 10 deep (got 11)");

        assertThat(r.violations()).extracting(Violation::field).containsExactly("body");
        accepted(when(
                createTemplate(TEMPLATE, greeting().setBody("{{#city}}".repeat(10) + "x" + "{{/city}}".repeat(10)))));
    }

    @Test
    void shouldRejectUnescapedTagsInEveryTemplateType() {
        for (TemplateType type : List.of(
                TemplateType.TEMPLATE_TYPE_HTML,
                TemplateType.TEMPLATE_TYPE_MARKDOWN,
                TemplateType.TEMPLATE_TYPE_RICH)) {
            Rejection r = rejected(
                    when(createTemplate(TEMPLATE, greeting().setType(type).setBody("<p>{{{city}}}</p>"))),
                    REJECTION_CODE_INVALID_ARGUMENT,
                    "body may not use the unescaped tag \"{{{city}}}\": every value is escaped for the template type");

            assertThat(r.violations()).extracting(Violation::field).containsExactly("body");
        }
        Rejection r = rejected(when(createTemplate(TEMPLATE, greeting().setTitle("Hi {{& first_name}}"))),
                REJECTION_CODE_INVALID_ARGUMENT, "title may not use the unescaped tag \"{{& first_name}}\"");

        assertThat(r.violations()).extracting(Violation::field).containsExactly("title");
    }

    @Test
    void shouldRejectATagNameLongerThanTwoHundredCharacters() {
        Rejection r = rejected(when(createTemplate(TEMPLATE, greeting().setBody("{{city." + "x".repeat(196) + "}}"))),
                REJECTION_CODE_INVALID_ARGUMENT, "body may have tag names of at most 200 characters (got 201)");

        assertThat(r.violations()).extracting(Violation::field).containsExactly("body");
    }

    @Test
    void shouldApplyTheTagRulesToAnUpdatedBody() {
        when(createTemplate(TEMPLATE, greeting()));

        rejected(
                when(updateTemplate(
                        TEMPLATE,
                        UpdateTemplate.newBuilder().setBody("{{{first_name}}}").addVariables(optional("first_name")))),
                REJECTION_CODE_INVALID_ARGUMENT,
                "body may not use the unescaped tag");
    }

    @Test
    void shouldStillUpdateATemplateWhoseStoredTitleUsesAnUnescapedTag() {
        history.add(TemplateEvent.newBuilder().setTemplateId(TEMPLATE).setOrganizationId(ORG).setVersion(1)
                .setCreated(TemplateCreated.newBuilder().setName("Old").setTitle("Hi {{{first_name}}}").setBody("b")
                        .addVariables(optional("first_name")).setType(TemplateType.TEMPLATE_TYPE_MARKDOWN)).build());

        TemplateEvent e = accepted(when(updateTemplate(
                TEMPLATE,
                UpdateTemplate.newBuilder().setBody("Bye {{first_name}}").addVariables(optional("first_name")))));

        assertThat(e.getVersion()).isEqualTo(2);
    }
}
