package dev.pidgr.workflow.render;

import java.util.regex.Pattern;

/**
 * Markdown (and RICH) as plain text: heading, quote, list, rule and emphasis markers dropped, link
 * and image texts kept, inline HTML tags removed, entities decoded, backslash escapes honoured.
 */
final class MarkdownText {

    private static final Pattern FENCE = Pattern.compile("(?m)^\\s{0,3}(```|~~~).*$");
    private static final Pattern HEADING = Pattern.compile("(?m)^\\s{0,3}#{1,6}[ \\t]+(.*?)[ \\t#]*$");
    private static final Pattern SETEXT_OR_RULE = Pattern.compile("(?m)^\\s{0,3}([-*_=])([ \\t]*\\1){2,}[ \\t]*$");
    private static final Pattern QUOTE = Pattern.compile("(?m)^\\s{0,3}(>[ \\t]?)+");
    private static final Pattern LIST_ITEM = Pattern.compile("(?m)^\\s*([-*+]|[0-9]{1,9}[.)])[ \\t]+");
    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)](\\([^)]*\\)|\\[[^\\]]*])");
    private static final Pattern AUTOLINK = Pattern.compile("<((?:https?|mailto):[^>\\s]+)>");
    private static final Pattern CODE = Pattern.compile("`+([^`]+)`+");
    /** CommonMark: any ASCII punctuation character may be backslash-escaped (MarkdownEscaper relies on it). */
    private static final Pattern ESCAPE = Pattern.compile("\\\\([!-/:-@\\[-`{-~])");
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
        text = when(text, "`~", FENCE, "");
        text = when(text, "#", HEADING, "$1");
        if (lineStartsWithAny(text, "-*_=")) {
            text = SETEXT_OR_RULE.matcher(text).replaceAll("");
        }
        if (lineStartsWithAny(text, ">")) {
            text = QUOTE.matcher(text).replaceAll("");
        }
        if (lineStartsWithAny(text, "-*+0123456789")) {
            text = LIST_ITEM.matcher(text).replaceAll("");
        }
        text = when(text, "!", IMAGE, "$1");
        text = when(text, "[", LINK, "$1");
        text = when(text, "<", AUTOLINK, "$1");
        text = when(text, "`", CODE, "$1");
        if (hasAny(text, "*_~")) {
            text = stripEmphasis(text);
        }
        text = when(text, "<", HtmlText.TAG, "");
        text = HtmlText.decodeEntities(text);
        return escapes ? restoreEscapes(text) : text;
    }

    private static String when(String text, String markers, Pattern pattern, String replacement) {
        return hasAny(text, markers) ? pattern.matcher(text).replaceAll(replacement) : text;
    }

    private static boolean hasAny(String text, String markers) {
        for (int i = 0; i < markers.length(); i++) {
            if (text.indexOf(markers.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Backslash-escaped characters become private-use stand-ins, so no rule below strips them. */
    private static String protectEscapes(String text) {
        return ESCAPE.matcher(text).replaceAll(m -> String.valueOf((char) (PROTECTED + m.group(1).charAt(0))));
    }

    private static String restoreEscapes(String text) {
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
    static String stripEmphasis(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '*' && c != '_' && c != '~') {
                out.append(c);
                i++;
                continue;
            }
            int end = i;
            while (end < text.length() && text.charAt(end) == c) {
                end++;
            }
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
