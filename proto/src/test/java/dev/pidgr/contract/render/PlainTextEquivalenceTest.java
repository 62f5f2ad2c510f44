package dev.pidgr.contract.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.TemplateType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The linear scanners read every text exactly as the regular expressions they replaced: many
 * seeded random texts built from markup fragments, line terminators of every kind and plain
 * characters, compared with {@link RegexPlainText}.
 */
class PlainTextEquivalenceTest {

    private static final List<String> FRAGMENTS = List.of(
            "a",
            "b",
            "p",
            "x1",
            " ",
            "  ",
            "\t",
            "\n",
            "\n\n",
            "\r",
            "\r\n",
            "\u0085",
            "\u2028",
            "\u2029",
            "\f",
            "\u000B",
            "\u0301",
            "\u00e9",
            "_",
            "*",
            "**",
            "***",
            "~",
            "~~",
            "`",
            "``",
            "```",
            "~~~",
            "#",
            "##",
            "####### ",
            "###### ",
            "# ",
            "=",
            "===",
            "-",
            "---",
            "- ",
            "* ",
            "+ ",
            "1. ",
            "1234567890) ",
            "123456789. ",
            "12.",
            ">",
            "> ",
            ">>",
            "|",
            "[",
            "]",
            "(",
            ")",
            "![",
            "](",
            "][",
            "!",
            "<",
            ">",
            "/",
            "<p>",
            "</p >",
            "<P",
            "<pre>",
            "<br/>",
            "<h1>",
            "<h7>",
            "<div\n>",
            "<a href=x>",
            "<!--",
            "-->",
            "<!-->",
            "<script>",
            "</script>",
            "</SCRIPT >",
            "<Style x>",
            "</style>",
            "<head>",
            "</head>",
            "<template>",
            "</template>",
            "<scripts>",
            "<http:",
            "<https://a.b>",
            "<mailto:a@b>",
            "<http:a b>",
            "&",
            "&amp;",
            "&lt;",
            "&#65;",
            "&#x42;",
            "&#0;",
            "&nbsp;",
            "&bogus;",
            ";",
            "\\",
            "\\*",
            "\\<",
            "\\&",
            "\\\\",
            "\\a",
            "\uE02A");

    @Test
    void shouldReadMarkdownExactlyAsTheRegularExpressionsDid() {
        compare(TemplateType.TEMPLATE_TYPE_MARKDOWN, 1);
    }

    @Test
    void shouldReadHtmlExactlyAsTheRegularExpressionsDid() {
        compare(TemplateType.TEMPLATE_TYPE_HTML, 2);
    }

    private static void compare(TemplateType type, long seed) {
        Random random = new Random(seed);
        for (int run = 0; run < 30_000; run++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
            }
            String input = text.toString();

            assertThat(PlainText.of(input, type))
                    .as("%s of %s", type, escaped(input))
                    .isEqualTo(RegexPlainText.of(input, type));
        }
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.chars().forEach(c -> out.append(c >= ' ' && c < 127 && c != '"' && c != '\\' ? String.valueOf((char) c)
                : String.format("\\u%04x", c)));
        return out.append('"').toString();
    }
}
