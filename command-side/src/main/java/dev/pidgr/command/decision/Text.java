package dev.pidgr.command.decision;

import java.util.List;
import java.util.regex.Pattern;

/** Length rules of the contract, counted in characters (Unicode code points) as protovalidate does. */
public final class Text {

    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Text() {
    }

    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Adds a violation when {@code value} is longer than {@code max} characters. */
    public static void maxLength(List<Violation> out, String field, String value, int max) {
        if (length(value) > max) {
            out.add(new Violation(field, field + " must be at most " + max + " characters (got " + length(value) + ")"));
        }
    }

    /** Adds a violation when {@code value} is empty or longer than {@code max} characters. */
    public static void required(List<Violation> out, String field, String value, int max) {
        if (value.isEmpty()) {
            out.add(new Violation(field, field + " is required"));
        } else {
            maxLength(out, field, value, max);
        }
    }

    /** Quotes a user-supplied value for a message, cut so a huge value cannot flood it. */
    public static String quote(String value) {
        String cut = length(value) > 100 ? value.substring(0, value.offsetByCodePoints(0, 100)) + "..." : value;
        return '"' + cut + '"';
    }

    /** Whether {@code s} is a UUID in its canonical 8-4-4-4-12 hex form (as protovalidate's uuid rule). */
    public static boolean isUuid(String s) {
        return UUID.matcher(s).matches();
    }
}
