package dev.pidgr.contract.render;

/**
 * A text being copied with some of its ranges replaced, left to right (what
 * {@code Matcher.replaceAll} does): each replacement names the range it replaces, which starts at
 * or after the end of the previous one.
 */
final class Rewrite {

    private final CharSequence text;
    private StringBuilder out;
    private int copied;

    Rewrite(CharSequence text) {
        this.text = text;
    }

    /** Replaces {@code [start, end)} with {@code [from, to)} of the text itself (a group). */
    void replace(int start, int end, int from, int to) {
        copyTo(start);
        out.append(text, from, to);
        copied = end;
    }

    /** Replaces {@code [start, end)} with {@code with}. */
    void replace(int start, int end, String with) {
        copyTo(start);
        out.append(with);
        copied = end;
    }

    /** The text with every replacement made (the text itself when there was none). */
    String result() {
        if (out == null) {
            return text.toString();
        }
        out.append(text, copied, text.length());
        return out.toString();
    }

    private void copyTo(int start) {
        if (out == null) {
            out = new StringBuilder(text.length());
        }
        out.append(text, copied, start);
    }
}
