package dev.pidgr.contract.render;

/**
 * Markdown (and RICH) as plain text: heading, quote, list, rule and emphasis markers dropped, link
 * and image texts kept, inline HTML tags removed, entities decoded, backslash escapes honoured
 * (every ASCII punctuation character, as in CommonMark: {@link MarkdownEscaper} relies on it).
 * Each step is a single linear scan ({@link MarkdownLines}, {@link MarkdownInline}), and none
 * makes its text longer, so the whole costs time linear in the body whatever it holds.
 */
final class MarkdownText {

    private static final char PROTECTED = '\uE000';

    private MarkdownText() {
    }

    static String of(String markdown) {
        // Each rule runs only when its marker character occurs: most bodies use few of them, and
        // this runs once per recipient.
        String text = markdown.indexOf('\r') >= 0 ? markdown.replace("\r\n", "\n") : markdown;
        boolean escapes = text.indexOf('\\') >= 0;
        if (escapes) {
            text = protectEscapes(text);
        }
        if (hasAny(text, "`~")) {
            text = MarkdownLines.fences(text);
        }
        if (hasAny(text, "#")) {
            text = MarkdownLines.headings(text);
        }
        if (lineStartsWithAny(text, "-*_=")) {
            text = MarkdownLines.rules(text);
        }
        if (lineStartsWithAny(text, ">")) {
            text = MarkdownLines.quotes(text);
        }
        if (lineStartsWithAny(text, "-*+0123456789")) {
            text = MarkdownLines.listItems(text);
        }
        text = hasAny(text, "!") ? MarkdownInline.images(text) : text;
        text = hasAny(text, "[") ? MarkdownInline.links(text) : text;
        text = hasAny(text, "<") ? MarkdownInline.autolinks(text) : text;
        text = hasAny(text, "`") ? MarkdownInline.codeSpans(text) : text;
        text = hasAny(text, "*_~") ? stripEmphasis(text) : text;
        text = hasAny(text, "<") ? HtmlText.stripTags(text) : text;
        text = HtmlEntities.decode(text);
        return escapes ? restoreEscapes(text) : text;
    }

    private static boolean hasAny(String text, String markers) {
        for (int i = 0; i < markers.length(); i++) {
            if (text.indexOf(markers.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Backslash-escaped punctuation becomes private-use stand-ins, so no rule below strips it. */
    static String protectEscapes(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
            if (c == '\\' && next > ' ' && next < 127 && !Character.isLetterOrDigit(next)) {
                out.append((char) (PROTECTED + next));
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String restoreEscapes(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= PROTECTED && c < PROTECTED + 128 ? (char) (c - PROTECTED) : c);
        }
        return out.toString();
    }

    /**
     * Drops emphasis delimiters: runs of {@code *} (up to three), {@code ~~} and {@code _} (not
     * inside a word, so snake_case stays) that touch text on at least one side. A lone delimiter
     * between spaces ("5 * 3") stays.
     */
    static String stripEmphasis(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '*' && c != '_' && c != '~') {
                out.append(c);
                i++;
                continue;
            }
            int end = Chars.skipRun(text, i, c);
            char before = i > 0 ? text.charAt(i - 1) : ' ';
            char after = end < text.length() ? text.charAt(end) : ' ';
            boolean touchesText = !Character.isWhitespace(before) || !Character.isWhitespace(after);
            boolean delimiter = switch (c) {
                case '_' -> touchesText && !(Character.isLetterOrDigit(before) && Character.isLetterOrDigit(after));
                case '~' -> touchesText && end - i == 2;
                default -> touchesText && end - i <= 3;
            };
            if (!delimiter) {
                out.append(text, i, end);
            }
            i = end;
        }
        return out.toString();
    }

    /** Whether a line starts (after indentation) with one of {@code markers}. */
    private static boolean lineStartsWithAny(String text, String markers) {
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            if (i < text.length() && markers.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
            int newline = text.indexOf('\n', i);
            if (newline < 0) {
                return false;
            }
            i = newline + 1;
        }
        return false;
    }
}
