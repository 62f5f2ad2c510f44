package dev.pidgr.contract.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Decodes HTML character references: numeric ones and the few named ones messages use. */
final class HtmlEntities {

    /** Bounded (at most 11 chars after an {@code &}), so a scan is linear. */
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});");

    private HtmlEntities() {
    }

    static String decode(CharSequence text) {
        if (Chars.indexOf(text, '&', 0) < 0) {
            return text.toString();
        }
        return ENTITY.matcher(text).replaceAll(m -> Matcher.quoteReplacement(entity(m.group(1), m.group())));
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
