package dev.pidgr.contract.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import dev.pidgr.api.v1.ActionType;
import dev.pidgr.api.v1.Message;
import dev.pidgr.api.v1.SendNotificationConfig;
import dev.pidgr.api.v1.Template;
import dev.pidgr.api.v1.TemplateType;
import dev.pidgr.api.v1.TemplateVariable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTemplateTest {

    private static final String CAMPAIGN = "7c0f4a52-8b0e-4c4e-9d55-3f2b1a0c9e11";

    private static Template template(
            TemplateType type, String title, String body, TemplateVariable... variables) {
        return Template.newBuilder().setType(type).setTitle(title).setBody(body)
                .addAllVariables(java.util.List.of(variables)).build();
    }

    private static TemplateVariable variable(String name, String defaultValue) {
        return TemplateVariable.newBuilder().setName(name).setDefaultValue(defaultValue).build();
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldTakeMemberVariablesBeforeCustomVariablesBeforeDefaults() {
        Template tv = template(TemplateType.TEMPLATE_TYPE_MARKDOWN, "Hi", "{{a}}|{{b}}|{{c}}|{{d}}",
                variable("a", "default-a"), variable("b", "default-b"), variable("c", "default-c"), variable("d", ""));
        SendNotificationConfig step = SendNotificationConfig.newBuilder()
                .putCustomVariables("a", "custom-a").putCustomVariables("b", "custom-b").build();
        MessageTemplate message = MessageTemplate.compile(CAMPAIGN, "", "HR", step, tv);

        MessageTemplate.Rendered rendered = message.render(Map.of("a", "member-a"));

        assertThat(rendered.body()).isEqualTo("member-a|custom-b|default-c|");
    }

    @Test
    void shouldListThePrintedNamesThatNothingGivesAValue() {
        Template tv = template(TemplateType.TEMPLATE_TYPE_MARKDOWN, "Hi {{title_name}}",
                "{{a}} {{{b}}} {{c}} {{d}} {{#vip}}{{e}}{{/vip}}", variable("c", "default-c"), variable("d", ""));
        SendNotificationConfig step = SendNotificationConfig.newBuilder().putCustomVariables("b", "custom-b").build();
        MessageTemplate message = MessageTemplate.compile(CAMPAIGN, "", "HR", step, tv);

        assertThat(message.missing(Map.of("a", "member-a"))).containsExactly("d", "e", "title_name");
        assertThat(message.missing(Map.of("a", "", "d", "x", "e", "y", "title_name", "z"))).isEmpty();
    }

    @Test
    void shouldNotCountTheTemplateTitleWhenTheCampaignTitleReplacesIt() {
        Template tv = template(TemplateType.TEMPLATE_TYPE_MARKDOWN, "Hi {{name}}", "body");
        MessageTemplate message =
                MessageTemplate.compile(CAMPAIGN, "Fixed", "HR", SendNotificationConfig.getDefaultInstance(), tv);

        assertThat(message.missing(Map.of())).isEmpty();
    }

    @Test
    void shouldEscapeValuesInHtmlTemplates() {
        Template tv =
                template(TemplateType.TEMPLATE_TYPE_HTML, "T", "<p>Hello {{name}}</p>", variable("name", ""));
        MessageTemplate message =
                MessageTemplate.compile(CAMPAIGN, "", "HR", SendNotificationConfig.getDefaultInstance(), tv);

        assertThat(message.render(Map.of("name", "<b>Tom & \"Jerry\"</b>")).body())
                .isEqualTo("<p>Hello &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;</p>");
    }

    @Test
    void shouldBackslashEscapeMarkupInValuesOfMarkdownAndRichTemplates() {
        for (TemplateType type :
                new TemplateType[] {TemplateType.TEMPLATE_TYPE_MARKDOWN, TemplateType.TEMPLATE_TYPE_RICH}) {
            Template tv = template(type, "T", "Hello {{name}}", variable("name", ""));
            MessageTemplate message =
                    MessageTemplate.compile(CAMPAIGN, "", "HR", SendNotificationConfig.getDefaultInstance(), tv);

            MessageTemplate.Rendered rendered = message.render(Map.of(
                    "name",
                    "[click](https://evil.example) ![x](https://t.example/p.gif) <b>Tom & \"Jerry\"</b> *a_b*"
                            + " ~~c~~ `d` |e|"));

            assertThat(rendered.body())
                    .isEqualTo("Hello \\[click\\]\\(https://evil.example\\) \\!\\[x\\]\\(https://t.example/p.gif\\) "
                            + "\\<b\\>Tom \\& \"Jerry\"\\</b\\> \\*a\\_b\\* \\~\\~c\\~\\~ \\`d\\` \\|e\\|");
            assertThat(rendered.summary())
                    .as("the plain text shows the value as given")
                    .isEqualTo(
                            "Hello [click](https://evil.example) ![x](https://t.example/p.gif) <b>Tom & \"Jerry\"</b>"
                                    + " *a_b* ~~c~~ `d` |e|");
        }
    }

    @Test
    void shouldEscapeBlockMarkersOnlyWhereAValueLineStarts() {
        Template tv = template(TemplateType.TEMPLATE_TYPE_MARKDOWN, "T", "{{v}}", variable("v", ""));
        MessageTemplate message =
                MessageTemplate.compile(CAMPAIGN, "", "HR", SendNotificationConfig.getDefaultInstance(), tv);

        MessageTemplate.Rendered rendered =
                message.render(Map.of("v", "# Big\n- item\n  12. twelve\n+ x\n===\nuser-01 a.b 3+4=7 #1"));

        assertThat(rendered.body()).isEqualTo("\\# Big\n\\- item\n  12\\. twelve\n\\+ x\n\\===\nuser-01 a.b 3+4=7 #1");
        assertThat(rendered.preview()).isEqualTo("# Big - item 12. twelve + x === user-01 a.b 3+4=7 #1");
    }

    @Test
    void shouldInsertValuesVerbatimInTitlesOfEveryType() {
        for (TemplateType type : TemplateType.values()) {
            if (type == TemplateType.UNRECOGNIZED) {
                continue;
            }
            Template tv = template(type, "Hi {{name}}", "b", variable("name", ""));
            MessageTemplate message =
                    MessageTemplate.compile(CAMPAIGN, "", "HR", SendNotificationConfig.getDefaultInstance(), tv);

            assertThat(message.render(Map.of("name", "Tom & *Jerry* <3")).title()).isEqualTo("Hi Tom & *Jerry* <3");
        }
    }

    @Test
    void shouldRenderAStoredUnescapedTagEscapedForItsType() {
        Template html =
                template(TemplateType.TEMPLATE_TYPE_HTML, "T", "<p>{{{name}}} {{&name}}</p>", variable("name", ""));
        Template markdown =
                template(TemplateType.TEMPLATE_TYPE_MARKDOWN, "T", "{{{name}}} {{& name}}", variable("name", ""));
        SendNotificationConfig step = SendNotificationConfig.getDefaultInstance();

        assertThat(MessageTemplate.compile(CAMPAIGN, "", "HR", step, html).render(Map.of("name", "<b>")).body())
                .isEqualTo("<p>&lt;b&gt; &lt;b&gt;</p>");
        assertThat(MessageTemplate.compile(CAMPAIGN, "", "HR", step, markdown).render(Map.of("name", "<b>")).body())
                .isEqualTo("\\<b\\> \\<b\\>");
    }

    @Test
    void shouldStopRenderingTheBodyAtTheLimitInsteadOfCuttingItAfterwards() {
        Template tv =
                template(TemplateType.TEMPLATE_TYPE_MARKDOWN, "T", "{{a}}".repeat(1000), variable("a", ""));
        MessageTemplate message =
                MessageTemplate.compile(CAMPAIGN, "", "HR", SendNotificationConfig.getDefaultInstance(), tv);
        CountingMap member = new CountingMap(Map.of("a", "x".repeat(1000)));

        MessageTemplate.Rendered rendered = message.render(member);

        assertThat(rendered.body()).isEqualTo("x".repeat(MessageTemplate.MAX_BODY));
        assertThat(member.reads).as("100 values fill the body; the 101st stops the rendering").isEqualTo(101);
    }

    @Test
    void shouldCutTheRenderedTitleToOneThousandCharacters() {
        Template tv = template(TemplateType.TEMPLATE_TYPE_MARKDOWN, "{{a}}{{a}}", "b", variable("a", ""));
        MessageTemplate message =
                MessageTemplate.compile(CAMPAIGN, "", "HR", SendNotificationConfig.getDefaultInstance(), tv);

        assertThat(message.render(Map.of("a", "\uD83D\uDE00".repeat(600))).title())
                .isEqualTo("\uD83D\uDE00".repeat(MessageTemplate.MAX_TITLE));
    }

    @Test
    void shouldRefuseSectionsNestedDeeperThanTenInsteadOfOverflowingTheStack() {
        Template tv =
                template(TemplateType.TEMPLATE_TYPE_MARKDOWN, "T", "{{#a}}".repeat(4000) + "x" + "{{/a}}".repeat(4000));

        assertThatThrownBy(() ->
                        MessageTemplate.compile(CAMPAIGN, "", "HR", SendNotificationConfig.getDefaultInstance(), tv))
                .isInstanceOf(TemplateException.class)
                .hasMessage("body nests sections deeper than 10");
    }

    @Test
    void shouldRefuseMoreThanOneThousandTags() {
        Template tv = template(TemplateType.TEMPLATE_TYPE_HTML, "T", "{{a}}".repeat(1001));

        assertThatThrownBy(() ->
                        MessageTemplate.compile(CAMPAIGN, "", "HR", SendNotificationConfig.getDefaultInstance(), tv))
                .isInstanceOf(TemplateException.class)
                .hasMessage("body has more than 1000 tags");
    }

    @Test
    void shouldRefuseATagNameLongerThanTwoHundredCharacters() {
        Template tv = template(TemplateType.TEMPLATE_TYPE_MARKDOWN, "{{a" + ".a".repeat(100) + "}}", "b");

        assertThatThrownBy(() ->
                        MessageTemplate.compile(CAMPAIGN, "", "HR", SendNotificationConfig.getDefaultInstance(), tv))
                .isInstanceOf(TemplateException.class)
                .hasMessage("title has a tag name longer than 200 characters");
    }

    /** A member's variables that count how often a value is read. */
    private static final class CountingMap extends java.util.AbstractMap<String, String> {
        private final Map<String, String> values;
        int reads;

        CountingMap(Map<String, String> values) {
            this.values = values;
        }

        @Override
        public String get(Object key) {
            reads++;
            return values.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return values.containsKey(key);
        }

        @Override
        public java.util.Set<Entry<String, String>> entrySet() {
            return values.entrySet();
        }
    }

    @Test
    void shouldDeriveEveryMessageFieldFromTheRenderedMarkdown() throws Exception {
        Template tv = template(
                TemplateType.TEMPLATE_TYPE_MARKDOWN,
                "Policy for {{name}}",
                "\n\n"
                        + "# Hello **{{name}}**\n\n"
                        + "Please read the [new policy](https://example.com/p)  and\n"
                        + "- confirm   it\n",
                variable("name", ""));
        SendNotificationConfig step = SendNotificationConfig.newBuilder().setActionLabel("I agree").build();
        MessageTemplate template = MessageTemplate.compile(CAMPAIGN, "", "People Team", step, tv);
        Timestamp at = Timestamp.newBuilder().setSeconds(1_790_000_000L).build();

        Message message = template.message(template.render(Map.of("name", "Ada")), at);

        String body =
                "\n\n# Hello **Ada**\n\nPlease read the [new policy](https://example.com/p)  and\n- confirm   it\n";
        assertThat(message.getTitle()).isEqualTo("Policy for Ada");
        assertThat(message.getBody()).isEqualTo(body);
        assertThat(message.getSummary()).isEqualTo("Hello Ada");
        assertThat(message.getPreview()).isEqualTo("Hello Ada Please read the new policy and confirm it");
        assertThat(message.getContentId()).isEqualTo(sha256Hex("Policy for Ada\n" + body));
        assertThat(message.getCampaignId()).isEqualTo(CAMPAIGN);
        assertThat(message.getSenderName()).isEqualTo("People Team");
        assertThat(message.getCreatedAt()).isEqualTo(at);
        assertThat(message.getCritical()).isFalse();
        assertThat(message.getActionsList()).singleElement().satisfies(action -> {
            assertThat(action.getId()).isEqualTo("ack");
            assertThat(action.getType()).isEqualTo(ActionType.ACTION_TYPE_ACK);
            assertThat(action.getLabel()).isEqualTo("I agree");
        });
    }

    @Test
    void shouldPreferTheCampaignTitleAndDefaultTheActionLabel() throws Exception {
        Template tv = template(TemplateType.TEMPLATE_TYPE_HTML, "Template {{x}}",
                "<h1>Big&nbsp;news</h1><p>We &amp; you<br>together</p>", variable("x", "X"));
        MessageTemplate template = MessageTemplate.compile(CAMPAIGN, "Campaign title", "HR",
                SendNotificationConfig.getDefaultInstance(), tv);

        Message message = template.message(template.render(Map.of()), Timestamp.getDefaultInstance());

        assertThat(message.getTitle()).isEqualTo("Campaign title");
        assertThat(message.getSummary()).isEqualTo("Big news");
        assertThat(message.getPreview()).isEqualTo("Big news We & you together");
        assertThat(message.getContentId())
                .isEqualTo(sha256Hex("Campaign title\n<h1>Big&nbsp;news</h1><p>We &amp; you<br>together</p>"));
        assertThat(message.getActions(0).getLabel()).isEqualTo("Acknowledge");
    }

    @Test
    void shouldCutSummaryAndPreviewTo500Characters() {
        String word = "\uD83D\uDE00abcd "; // an emoji (two chars, one code point) and a word
        Template tv = template(TemplateType.TEMPLATE_TYPE_MARKDOWN, "T", word.repeat(200));
        MessageTemplate template =
                MessageTemplate.compile(CAMPAIGN, "", "HR", SendNotificationConfig.getDefaultInstance(), tv);

        MessageTemplate.Rendered rendered = template.render(Map.of());

        String expected = word.repeat(100); // 100 x 6 code points = 600 > 500: 83 whole words and 2 more code points
        String cut = expected.substring(0, expected.offsetByCodePoints(0, 500));
        assertThat(rendered.summary()).isEqualTo(cut);
        assertThat(rendered.preview()).isEqualTo(cut);
        assertThat(rendered.summary().codePointCount(0, rendered.summary().length())).isEqualTo(500);
    }

    @Test
    void shouldRefusePartials() {
        Template tv = template(TemplateType.TEMPLATE_TYPE_MARKDOWN, "T", "{{> /etc/passwd}}");

        assertThatThrownBy(() ->
                        MessageTemplate.compile(CAMPAIGN, "", "HR", SendNotificationConfig.getDefaultInstance(), tv))
                .isInstanceOf(TemplateException.class);
    }
}
