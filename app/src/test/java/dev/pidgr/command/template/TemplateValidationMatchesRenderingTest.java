package dev.pidgr.command.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.Template;
import dev.pidgr.api.v1.TemplateType;
import dev.pidgr.api.v1.TemplateVariable;
import dev.pidgr.command.decision.Violation;
import dev.pidgr.contract.render.MessageTemplate;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The command side checks a template's Mustache with its own reader ({@link MustacheTags}, through
 * {@link TemplateRules}); the workflow processor compiles and renders it with mustache.java
 * ({@link MessageTemplate}). No template the command side accepts may then fail to compile or render:
 * a campaign would fail on a template that was stored as valid (docs/workflow.md, "Message rendering").
 * Nor may rendering read a name the command side did not check as declared: it would render as
 * empty instead of being refused. Templates are generated from the pieces where two Mustache readers can disagree:
 * every tag kind,
 * whitespace in tags, delimiter changes, stray braces and unbalanced sections.
 */
class TemplateValidationMatchesRenderingTest {

    private static final List<TemplateVariable> DECLARED = List.of(variable("a"), variable("b"), variable("c"));
    private static final Map<String, String> VALUES = Map.of("a", "1 < 2", "b", "*b*", "c", "");

    @Property(tries = 3000)
    void shouldRenderEveryTemplateTheCommandSideAccepts(@ForAll("templates") String template) {
        List<Violation> violations = new ArrayList<>();

        TemplateRules.template("body", template, DECLARED, violations);

        Statistics.collect(violations.isEmpty() ? "accepted" : "refused");
        if (violations.isEmpty()) {
            assertThatCode(() -> render(template, VALUES))
                    .as("accepted by the command side: %s", template)
                    .doesNotThrowAnyException();
        }
    }

    @Property(tries = 10000)
    void shouldLookUpOnlyNamesTheCommandSideChecked(@ForAll("templates") String template) {
        List<Violation> violations = new ArrayList<>();
        TemplateRules.template("body", template, DECLARED, violations);
        Assume.that(violations.isEmpty());
        RecordingMap values = new RecordingMap(VALUES);

        render(template, values);

        assertThat(values.lookedUp).as(template).isSubsetOf(MustacheTags.scan(template).names());
    }

    @Property(tries = 200)
    void shouldAcceptAndRenderWellFormedTemplates(@ForAll("wellFormed") String template) {
        List<Violation> violations = new ArrayList<>();

        TemplateRules.template("body", template, DECLARED, violations);

        assertThat(violations).as(template).isEmpty();
        assertThatCode(() -> render(template, VALUES)).as(template).doesNotThrowAnyException();
    }

    @Provide
    Arbitrary<String> templates() {
        Arbitrary<String> piece = Arbitraries.of(
                "Hi ",
                " ",
                "\n",
                "x",
                "{",
                "}",
                "{{",
                "}}",
                "{{{",
                "}}}",
                "=",
                "#",
                "/",
                "<%",
                "%>",
                "%",
                "{{a}}",
                "{{ a }}",
                "{{b.c}}",
                "{{.}}",
                "{{ . }}",
                "{{#a}}",
                "{{/a}}",
                "{{^b}}",
                "{{/b}}",
                "{{# a }}",
                "{{/ a }}",
                "{{! c }}",
                "{{!}}",
                "{{=<% %>=}}",
                "{{= <% %> =}}",
                "<%={{ }}=%>",
                "{{=| |=}}",
                "|a|",
                "<%a%>",
                "<%#a%>",
                "<%/a%>",
                "<%{a}%>",
                "{{>p}}",
                "{{<p}}",
                "{{$p}}",
                "{{&a}}",
                "{{{a}}}",
                "{{{ a }}}",
                "{{}}",
                "{{ }}",
                "{{#}}",
                "{{/}}",
                "{{%p}}",
                "{{?a}}",
                "{{a b}}",
                "{{a\n}}",
                "{{\na}}",
                "{{#a}}\n",
                "{{a.}}",
                "{{.a}}",
                "{{..}}",
                "{{a}b}}",
                "{{{a}}",
                "{{=}}",
                "{{==}}",
                "{{=<% %>}}",
                "{{ ! x }}",
                "{{ a." + "x".repeat(198) + " }}",
                "{{a." + "x".repeat(199) + "}}",
                "{{#a}}".repeat(5),
                "{{/a}}".repeat(5),
                "{{#\ta\t}}",
                "{{/\ta}}",
                "{{\ta}}",
                "{{ #a}}",
                "{{ /a}}",
                "{{ ^b}}",
                "{{ =<% %>=}}",
                "{{ &a}}",
                "{{ >p}}",
                "{{\n!x}}");
        return piece.list().ofMaxSize(10).map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<String> wellFormed() {
        return Arbitraries.recursive(
                () -> Arbitraries.of("Hi ", "{{a}}", "{{ b }}", "{{c.d}}", "{{! note }}", "text\n"),
                inner -> Arbitraries.oneOf(
                        inner.list().ofMaxSize(4).map(parts -> String.join("", parts)),
                        inner.map(body -> "{{#a}}" + body + "{{/a}}"),
                        inner.map(body -> "{{^b}}" + body + "{{/b}}")),
                4);
    }

    private static void render(String template, Map<String, String> values) {
        Template version = Template.newBuilder().setType(TemplateType.TEMPLATE_TYPE_HTML)
                .setTitle("Title").setBody(template).addAllVariables(DECLARED).build();
        MessageTemplate.compile("campaign", "", "sender", SendNotificationConfig.getDefaultInstance(), version)
                .render(values);
    }

    /** A member's variables that remember every name rendering looked up in them. */
    private static final class RecordingMap extends AbstractMap<String, String> {
        private final Map<String, String> values;
        final Set<String> lookedUp = new HashSet<>();

        RecordingMap(Map<String, String> values) {
            this.values = values;
        }

        @Override
        public String get(Object key) {
            lookedUp.add(String.valueOf(key));
            return values.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            lookedUp.add(String.valueOf(key));
            return values.containsKey(key);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return values.entrySet();
        }
    }

    private static TemplateVariable variable(String name) {
        return TemplateVariable.newBuilder().setName(name).build();
    }
}
