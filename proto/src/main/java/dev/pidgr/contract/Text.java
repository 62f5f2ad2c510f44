package dev.pidgr.contract;

import java.util.regex.Pattern;

/** Text rules of the contract: lengths in characters (Unicode code points, as protovalidate counts), quoting, UUIDs. */
public final class Text {

    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Text() {
    }

    /** The length in characters (code points). */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
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
