package dev.pidgr.workflow.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTML as plain text: scripts, styles and comments dropped, block elements as line breaks, tags removed, entities decoded. */
final class HtmlText {

    private static final Pattern HTML_DROPPED = Pattern.compile("(?is)<!--.*?-->|<(script|style|head|template)\\b[^>]*>.*?</\\1\\s*>");
    private static final Pattern HTML_BLOCK = Pattern.compile(
            "(?i)</?(br|p|div|li|ul|ol|h[1-6]|tr|table|blockquote|pre|hr|section|article|header|footer|dt|dd)\\b[^>]*>");
    static final Pattern TAG = Pattern.compile("<[A-Za-z/!][^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});");

    private HtmlText() {
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
