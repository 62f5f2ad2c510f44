package dev.pidgr.command.decision;

import java.util.List;

/**
 * Length rules of the contract, counted in characters (Unicode code points) as protovalidate does, as violations;
 * the rules themselves are the contract's ({@link dev.pidgr.contract.Text}), shared with the step rules.
 */
public final class Text {

    private Text() {
    }

    public static int length(String s) {
        return dev.pidgr.contract.Text.length(s);
    }

    /** Adds a violation when {@code value} is longer than {@code max} characters. */
    public static void maxLength(List<Violation> out, String field, String value, int max) {
        if (length(value) > max) {
            out.add(new Violation(
                    field, field + " must be at most " + max + " characters (got " + length(value) + ")"));
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
        return dev.pidgr.contract.Text.quote(value);
    }

    /** Whether {@code s} is a UUID in its canonical 8-4-4-4-12 hex form (as protovalidate's uuid rule). */
    public static boolean isUuid(String s) {
        return dev.pidgr.contract.Text.isUuid(s);
    }
}
