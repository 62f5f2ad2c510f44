package dev.pidgr.contract.render;

import dev.pidgr.api.v1.TemplateType;

/**
 * A rendered body as plain text, for a message's summary and preview (docs/api.md, "Steps": SEND_NOTIFICATION).
 * HTML loses its tags (block elements become line breaks) and its entities are decoded; Markdown
 * (and RICH, its superset here) loses heading, quote, list and emphasis markers and keeps link and
 * image texts. Lines are kept so that the summary can take the first non-empty one.
 */
public final class PlainText {

    /** The longest summary and preview, in characters (code points). */
    public static final int MAX_EXCERPT = 500;

    private PlainText() {
    }

    /** The body without markup, line structure kept. */
    public static String of(String body, TemplateType type) {
        return type == TemplateType.TEMPLATE_TYPE_HTML ? HtmlText.of(body) : MarkdownText.of(body);
    }

    /** The first non-empty line, whitespace collapsed, cut to 500 characters. */
    public static String summary(String plain) {
        for (String line : plain.split("\n", -1)) {
            String collapsed = collapse(line);
            if (!collapsed.isEmpty()) {
                return cut(collapsed, MAX_EXCERPT);
            }
        }
        return "";
    }

    /** The whole text with every whitespace run made one space, cut to 500 characters. */
    public static String preview(String plain) {
        return cut(collapse(plain), MAX_EXCERPT);
    }

    /** At most {@code max} code points, never splitting a surrogate pair. */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = text.offsetByCodePoints(0, Math.min(max, text.codePointCount(0, text.length())));
        return text.substring(0, end);
    }

    /** Every whitespace run made one space, the ends stripped (a loop: this runs per recipient). */
    private static String collapse(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

}
