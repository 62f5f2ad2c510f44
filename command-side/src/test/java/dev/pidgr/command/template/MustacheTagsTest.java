package dev.pidgr.command.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MustacheTagsTest {

    @Test
    void shouldFindEveryKindOfVariableTag() {
        MustacheTags.Scan scan = MustacheTags.scan("Hi {{ first_name }}, {{{raw_html}}} and {{& unescaped}}.");

        assertThat(scan.ok()).isTrue();
        assertThat(scan.names()).containsExactly("first_name", "raw_html", "unescaped");
    }

    @Test
    void shouldFindSectionAndInvertedSectionNames() {
        MustacheTags.Scan scan = MustacheTags.scan("{{#vip}}Dear {{name}}{{/vip}}{{^vip}}Hello{{/vip}}");

        assertThat(scan.names()).containsExactly("vip", "name", "vip");
    }

    @Test
    void shouldIgnoreComments() {
        assertThat(MustacheTags.scan("{{! mention {{nobody}} here }}ok").names()).isEmpty();
    }

    @Test
    void shouldReadASigilOnlyRightAfterTheOpeningDelimiterAsMustacheJavaDoes() {
        MustacheTags.Scan scan = MustacheTags.scan("{{ ! not a comment }}{{ #a}}{{ /a}}{{ =<% %>=}}");

        assertThat(scan.ok()).isTrue();
        assertThat(scan.names()).containsExactly("! not a comment", "#a", "/a", "=<% %>=");
    }

    @Test
    void shouldCheckDottedNamesByTheirFirstSegment() {
        assertThat(MustacheTags.scan("{{person.address.city}}").names()).containsExactly("person");
    }

    @Test
    void shouldAcceptTheCurrentItemInASection() {
        MustacheTags.Scan scan = MustacheTags.scan("{{#tags}}{{.}}{{/tags}}");

        assertThat(scan.ok()).isTrue();
        assertThat(scan.names()).containsExactly("tags");
    }

    @Test
    void shouldFollowDelimiterChanges() {
        MustacheTags.Scan scan = MustacheTags.scan("{{=<% %>=}}<% name %> {{not_a_tag}} <%={{ }}=%>{{ again }}");

        assertThat(scan.ok()).isTrue();
        assertThat(scan.names()).containsExactly("name", "again");
    }

    @Test
    void shouldEndADelimiterChangeWithTheSectionItWasMadeInAsMustacheJavaDoes() {
        MustacheTags.Scan scan = MustacheTags.scan("{{#a}}{{=<% %>=}}<%c%><%/a%>{{b}}<%not_a_tag%>");

        assertThat(scan.ok()).isTrue();
        assertThat(scan.names()).containsExactly("a", "c", "b");
    }

    @Test
    void shouldReportAnUnclosedTag() {
        assertThat(MustacheTags.scan("Hi {{name").problem()).isEqualTo("tag opened at character 3 is never closed");
    }

    @Test
    void shouldReportAnUnclosedSection() {
        assertThat(MustacheTags.scan("{{#vip}}Dear").problem()).isEqualTo("section {{#vip}} is never closed");
    }

    @Test
    void shouldReportAMismatchedSectionEnd() {
        assertThat(MustacheTags.scan("{{#a}}{{/b}}").problem())
                .isEqualTo("{{/b}} closes a section that is not open (open: {{#a}})");
    }

    @Test
    void shouldRefusePartials() {
        assertThat(MustacheTags.scan("{{> footer}}").problem())
                .contains("partials and template inheritance are not supported");
    }

    @Test
    void shouldReportAnEmptyTag() {
        assertThat(MustacheTags.scan("{{ }}").problem()).isEqualTo("empty tag {{}}");
    }

    @Test
    void shouldReadTextWithoutTagsAsHavingNoNames() {
        MustacheTags.Scan scan = MustacheTags.scan("Plain text with a single { brace } and }} closers");

        assertThat(scan.ok()).isTrue();
        assertThat(scan.names()).isEmpty();
    }

    @Test
    void shouldCountEveryTagAndTheDeepestSectionNesting() {
        MustacheTags.Scan scan = MustacheTags.scan("{{! hi }}{{#a}}{{^b}}{{c}}{{/b}}{{/a}}{{=<% %>=}}<%d%>");

        assertThat(scan.tags()).isEqualTo(8);
        assertThat(scan.depth()).isEqualTo(2);
    }

    @Test
    void shouldListUnescapedTagsAsWritten() {
        MustacheTags.Scan scan = MustacheTags.scan("{{a}} {{{ b }}} {{& c}} {{=<% %>=}}<%{d}%> <%&e%>");

        assertThat(scan.unescaped()).containsExactly("{{{ b }}}", "{{& c}}", "<%{d}%>", "<%&e%>");
    }

    @Test
    void shouldMeasureTheLongestTagName() {
        assertThat(MustacheTags.scan("{{a}} {{person.address.city}} {{#b}}{{/b}}").longestName())
                .isEqualTo("person.address.city".length());
    }

    @Test
    void shouldScanTenThousandNestedSectionsWithoutRecursion() {
        MustacheTags.Scan scan = MustacheTags.scan("{{#a}}".repeat(10_000) + "x" + "{{/a}}".repeat(10_000));

        assertThat(scan.ok()).isTrue();
        assertThat(scan.depth()).isEqualTo(10_000);
        assertThat(scan.tags()).isEqualTo(20_000);
    }
}
