package dev.pidgr.contract.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pidgr.api.v1.TemplateType;
import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void shouldStripMarkdownMarkupAndKeepLines() {
        String markdown = "## Title ##\n> quoted *text*\n1. first `code`\n* second __bold__ ~~gone~~\n---\n"
                + "![logo](x.png) see <https://a.example> or [docs][1]\nsnake_case_name stays\n\\*literal\\*";

        assertThat(PlainText.of(markdown, TemplateType.TEMPLATE_TYPE_MARKDOWN))
                .isEqualTo("Title\n"
                        + "quoted text\n"
                        + "first code\n"
                        + "second bold gone\n\n"
                        + "logo see https://a.example or docs\n"
                        + "snake_case_name stays\n"
                        + "*literal*");
    }

    @Test
    void shouldDropEmphasisDelimitersButKeepLoneOnesAndIntrawordUnderscores() {
        assertThat(PlainText.of(
                        "***all*** of _this_ and __that__, 5 * 3, ~one~ ~~two~~ my_var_name",
                        TemplateType.TEMPLATE_TYPE_MARKDOWN))
                .isEqualTo("all of this and that, 5 * 3, ~one~ two my_var_name");
    }

    @Test
    void shouldStripHtmlTagsScriptsAndDecodeEntities() {
        String html = "<html><head><title>x</title></head><body><script>alert(1)</script><div>A&lt;B &#x41;&#66;</div>"
                + "<!-- note --><p>Second <a href=\"#\">link</a></p></body></html>";

        assertThat(PlainText.of(html, TemplateType.TEMPLATE_TYPE_HTML)).isEqualTo("\nA<B AB\n\nSecond link\n");
    }

    @Test
    void shouldTakeTheFirstNonEmptyLineAsSummary() {
        assertThat(PlainText.summary("\n  \n\t first   line \nsecond")).isEqualTo("first line");
        assertThat(PlainText.summary(" \n ")).isEmpty();
    }

    @Test
    void shouldCollapseWhitespaceForThePreview() {
        assertThat(PlainText.preview(" a \n\n b\t c ")).isEqualTo("a b c");
    }
}
