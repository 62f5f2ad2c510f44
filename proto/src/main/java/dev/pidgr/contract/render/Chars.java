package dev.pidgr.contract.render;

/**
 * Character classes and positions with the meaning java.util.regex gives them (without flags:
 * ASCII {@code \s}, {@code \b} and case), so that the plain-text scanners read a text exactly as
 * the regular expressions they replace did. Every scanner reads its input only through
 * {@link CharSequence#charAt} and these helpers, which lets a test count the reads.
 */
final class Chars {

    private Chars() {
    }

    /** {@code \s}: space, tab, line feed, vertical tab, form feed, carriage return. */
    static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** {@code [ \t]}. */
    static boolean blank(char c) {
        return c == ' ' || c == '\t';
    }

    /** A line terminator: what {@code .} never matches. */
    static boolean terminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || (c | 1) == '\u2029';
    }

    static boolean asciiLetter(char c) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }

    static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Where {@code (?m)^} matches: a line's start, never at the end, never inside {@code \r\n}. */
    static boolean lineStart(CharSequence t, int i) {
        if (i >= t.length()) {
            return false;
        }
        if (i == 0) {
            return true;
        }
        char before = t.charAt(i - 1);
        return terminator(before) && !(before == '\r' && t.charAt(i) == '\n');
    }

    /** Where {@code (?m)$} matches: before a line terminator (not inside {@code \r\n}) or at the end. */
    static boolean lineEnd(CharSequence t, int i) {
        if (i >= t.length()) {
            return true;
        }
        char c = t.charAt(i);
        return c == '\n' ? i == 0 || t.charAt(i - 1) != '\r' : terminator(c);
    }

    /** The first line start at or after {@code from}, or the length. */
    static int nextLineStart(CharSequence t, int from) {
        for (int i = from; i < t.length(); i++) {
            if (lineStart(t, i)) {
                return i;
            }
        }
        return t.length();
    }

    /** Where {@code .*} starting at {@code from} stops: the next line terminator, or the end. */
    static int endOfLine(CharSequence t, int from) {
        int i = from;
        while (i < t.length() && !terminator(t.charAt(i))) {
            i++;
        }
        return i;
    }

    /** After a run of {@code \s} from {@code from}, at most {@code max} long. */
    static int skipSpaces(CharSequence t, int from, int max) {
        int i = from;
        while (i < t.length() && i - from < max && space(t.charAt(i))) {
            i++;
        }
        return i;
    }

    /** After a run of {@code [ \t]} from {@code from}. */
    static int skipBlanks(CharSequence t, int from) {
        int i = from;
        while (i < t.length() && blank(t.charAt(i))) {
            i++;
        }
        return i;
    }

    /** After a run of {@code c} from {@code from}. */
    static int skipRun(CharSequence t, int from, char c) {
        int i = from;
        while (i < t.length() && t.charAt(i) == c) {
            i++;
        }
        return i;
    }

    /**
     * Whether a word character ({@code \b}'s ASCII letters, digits, underscore, or a combining mark) is at {@code i}.
     */
    static boolean wordAt(CharSequence t, int i) {
        if (i >= t.length()) {
            return false;
        }
        char c = t.charAt(i);
        return asciiLetter(c) || digit(c) || c == '_'
                || Character.getType(Character.codePointAt(t, i)) == Character.NON_SPACING_MARK;
    }

    /** Whether {@code lower} (lower-case ASCII) is at {@code at}, ignoring ASCII case. */
    static boolean startsWithIgnoreCase(CharSequence t, int at, String lower) {
        if (at + lower.length() > t.length()) {
            return false;
        }
        for (int i = 0; i < lower.length(); i++) {
            char c = t.charAt(at + i);
            if ((asciiLetter(c) ? (char) (c | 0x20) : c) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code prefix} is at {@code at}, exactly. */
    static boolean startsWith(CharSequence t, int at, String prefix) {
        if (at + prefix.length() > t.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (t.charAt(at + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The first {@code c} at or after {@code from}, or -1 (a String is searched by its own intrinsic). */
    static int indexOf(CharSequence t, char c, int from) {
        if (t instanceof String s) {
            return s.indexOf(c, from);
        }
        for (int i = Math.max(0, from); i < t.length(); i++) {
            if (t.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }
}
