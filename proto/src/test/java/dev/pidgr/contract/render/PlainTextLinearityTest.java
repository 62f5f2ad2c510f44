package dev.pidgr.contract.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Every step of the plain-text extraction reads its input a bounded number of times per char,
 * whatever the input: counted reads, not time. The inputs are the ones that made the old regular
 * expressions quadratic (openers without closers, long runs, many blank lines). Every step's output
 * is also no longer than its input, so the whole chain stays linear.
 */
class PlainTextLinearityTest {

    /** Reads per input char a step may make; a quadratic step passes it after a few hundred chars. */
    private static final int READS_PER_CHAR = 64;

    private record Step(String name, Function<CharSequence, String> step, List<IntFunction<String>> inputs) {
    }

    private static final List<Step> STEPS = List.of(
            new Step(
                    "dropHidden",
                    HtmlText::dropHidden,
                    List.of(
                            n -> "<!--".repeat(n / 4),
                            n -> "<script>".repeat(n / 8),
                            n -> "<style".repeat(n / 6),
                            n -> "<head>x</hea".repeat(n / 12),
                            n -> "<template></template".repeat(n / 20))),
            new Step(
                    "blocksToBreaks",
                    HtmlText::blocksToBreaks,
                    List.of(n -> "<p".repeat(n / 2), n -> "</blockquote ".repeat(n / 13))),
            new Step("stripTags", HtmlText::stripTags, List.of(n -> "<a".repeat(n / 2), n -> "<!".repeat(n / 2))),
            new Step(
                    "decodeEntities",
                    HtmlEntities::decode,
                    List.of(n -> "&amp".repeat(n / 4), n -> "&#1234567".repeat(n / 9))),
            new Step("protectEscapes", MarkdownText::protectEscapes, List.of(n -> "\\".repeat(n))),
            new Step("fences", MarkdownLines::fences, List.of(n -> "\n".repeat(n), n -> "``\n".repeat(n / 3))),
            new Step(
                    "headings",
                    MarkdownLines::headings,
                    List.of(n -> "# a" + " #".repeat(n / 2) + "x", n -> "#".repeat(n), n -> "\n# ".repeat(n / 3))),
            new Step(
                    "rules",
                    MarkdownLines::rules,
                    List.of(n -> "- ".repeat(n / 2) + "x", n -> "\n".repeat(n), n -> "--\n".repeat(n / 3))),
            new Step("quotes", MarkdownLines::quotes, List.of(n -> "> ".repeat(n / 2), n -> "\n".repeat(n))),
            new Step(
                    "listItems",
                    MarkdownLines::listItems,
                    List.of(
                            n -> "\n".repeat(n) + "x",
                            n -> " ".repeat(n),
                            n -> "\n \t".repeat(n / 3) + "1234567890.",
                            n -> "123456789".repeat(n / 9))),
            new Step(
                    "images",
                    MarkdownInline::images,
                    List.of(n -> "![".repeat(n / 2), n -> "![a](".repeat(n / 5), n -> "![a]".repeat(n / 4))),
            new Step(
                    "links",
                    MarkdownInline::links,
                    List.of(n -> "[".repeat(n), n -> "[a](".repeat(n / 4), n -> "[a][".repeat(n / 4))),
            new Step(
                    "autolinks",
                    MarkdownInline::autolinks,
                    List.of(n -> "<http:".repeat(n / 6), n -> "<mailto:x".repeat(n / 9))),
            new Step(
                    "codeSpans",
                    MarkdownInline::codeSpans,
                    List.of(n -> "`".repeat(n), n -> "`a".repeat(n / 2), n -> "``a".repeat(n / 3))),
            new Step(
                    "stripEmphasis", MarkdownText::stripEmphasis, List.of(n -> "*".repeat(n), n -> "_a".repeat(n / 2))),
            new Step("restoreEscapes", MarkdownText::restoreEscapes, List.of(n -> "\uE02A".repeat(n))));

    @Test
    void shouldReadEveryInputABoundedNumberOfTimesPerChar() {
        for (Step step : STEPS) {
            for (IntFunction<String> input : step.inputs()) {
                for (int n = 1_000; n <= 64_000; n *= 4) {
                    String text = input.apply(n);
                    CountingChars counted = new CountingChars(text);

                    String out = step.step().apply(counted);

                    assertThat(counted.reads())
                            .as(
                                    "%s reads of %d chars starting %s",
                                    step.name(), text.length(), text.substring(0, Math.min(12, text.length())))
                            .isLessThanOrEqualTo((long) READS_PER_CHAR * text.length());
                    assertThat(out.length()).as("%s output", step.name()).isLessThanOrEqualTo(text.length());
                }
            }
        }
    }

    /** A text that counts its reads; pieces cut from it count into the same total. */
    static final class CountingChars implements CharSequence {
        private final String text;
        private final long[] reads;

        CountingChars(String text) {
            this(text, new long[1]);
        }

        private CountingChars(String text, long[] reads) {
            this.text = text;
            this.reads = reads;
        }

        long reads() {
            return reads[0];
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            reads[0]++;
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new CountingChars(text.substring(start, end), reads);
        }

        @Override
        public String toString() {
            reads[0] += text.length();
            return text;
        }
    }
}
