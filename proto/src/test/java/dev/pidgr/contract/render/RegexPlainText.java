package dev.pidgr.contract.render;

import dev.pidgr.api.v1.TemplateType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain-text extraction as it was before it became linear: regular expressions, some of which
 * backtrack quadratically on adversarial input. Kept verbatim as the reference the scanners must
 * agree with (only the escape rule is today's: every ASCII punctuation character).
 */
final class RegexPlainText {

    private RegexPlainText() {
    }

    static String of(String body, TemplateType type) {
        return type == TemplateType.TEMPLATE_TYPE_HTML ? Html.of(body) : Markdown.of(body);
    }

    static final class Html {
        private static final Pattern HTML_DROPPED =
                Pattern.compile("(?is)<!--.*?-->|<(script|style|head|template)\\b[^>]*>.*?</\\1\\s*>");
        private static final Pattern HTML_BLOCK = Pattern.compile(
                "(?i)</?(br|p|div|li|ul|ol|h[1-6]|tr|table|blockquote|pre|hr"
                        + "|section|article|header|footer|dt|dd)\\b[^>]*>");
        static final Pattern TAG = Pattern.compile("<[A-Za-z/!][^>]*>");
        private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});");

        private Html() {
        }

        static String of(String html) {
            String text = HTML_DROPPED.matcher(html).replaceAll("");
            text = HTML_BLOCK.matcher(text).replaceAll("\n");
            text = TAG.matcher(text).replaceAll("");
            return decodeEntities(text);
        }

        static String decodeEntities(String text) {
            if (text.indexOf('&') < 0) {
                return text;
            }
            Matcher m = ENTITY.matcher(text);
            StringBuilder out = new StringBuilder(text.length());
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(entity(m.group(1), m.group())));
            }
            m.appendTail(out);
            return out.toString();
        }

        private static String entity(String name, String whole) {
            if (name.startsWith("#")) {
                boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
                int cp = Integer.parseInt(hex ? name.substring(2) : name.substring(1), hex ? 16 : 10);
                return Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : whole;
            }
            return switch (name) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                case "ndash" -> "\u2013";
                case "mdash" -> "\u2014";
                case "hellip" -> "\u2026";
                case "copy" -> "\u00a9";
                case "reg" -> "\u00ae";
                case "euro" -> "\u20ac";
                default -> whole;
            };
        }
    }

    static final class Markdown {
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

        private Markdown() {
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
            text = when(text, "<", Html.TAG, "");
            text = Html.decodeEntities(text);
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
}
