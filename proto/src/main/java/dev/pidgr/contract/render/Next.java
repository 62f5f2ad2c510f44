package dev.pidgr.contract.render;

/**
 * The next place at or after a position where a character, a string, or one of a set of
 * characters occurs, remembered for positions that only move forward: "the next ]" asked at every
 * [ of a text made of [ would read the rest of the text each time (what made the old regular
 * expressions quadratic); asked here, every char is read once however often it is asked.
 */
final class Next {

    private final CharSequence text;
    private final String target;
    private final boolean anyOf;
    private int searchedFrom = Integer.MAX_VALUE;
    private int found = -1;

    private Next(CharSequence text, String target, boolean anyOf) {
        this.text = text;
        this.target = target;
        this.anyOf = anyOf;
    }

    Next(CharSequence text, char target) {
        this(text, String.valueOf(target), false);
    }

    Next(CharSequence text, String target) {
        this(text, target, false);
    }

    /** Finds any one of {@code chars}. */
    static Next anyOf(CharSequence text, String chars) {
        return new Next(text, chars, true);
    }

    /** The first index at or after {@code from} where the target is, or -1. */
    int from(int from) {
        if (from < searchedFrom || found >= 0 && from > found) {
            searchedFrom = from;
            found = anyOf ? searchAny(from) : search(from);
        }
        return found;
    }

    private int search(int from) {
        if (text instanceof String s) {
            return s.indexOf(target, from);
        }
        char first = target.charAt(0);
        for (int i = Chars.indexOf(text, first, from); i >= 0; i = Chars.indexOf(text, first, i + 1)) {
            if (Chars.startsWith(text, i, target)) {
                return i;
            }
        }
        return -1;
    }

    private int searchAny(int from) {
        for (int i = from; i < text.length(); i++) {
            if (target.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
