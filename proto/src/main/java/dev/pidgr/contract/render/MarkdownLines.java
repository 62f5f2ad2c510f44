package dev.pidgr.contract.render;

/**
 * The Markdown rules that apply where a line starts (after up to three spaces, which, as in the
 * regular expressions these replace, may include blank lines before): fences, headings, setext
 * underlines and rules, quote markers, list markers. Each scans its text once: a line is read a
 * bounded number of times, and a run of blank lines once.
 */
final class MarkdownLines {

    private MarkdownLines() {
    }

    /** A fence line (three backticks or tildes, and the rest of the line) disappears. */
    static String fences(CharSequence t) {
        Rewrite out = new Rewrite(t);
        for (int p = Chars.nextLineStart(t, 0); p < t.length(); ) {
            int q = Chars.skipSpaces(t, p, 3);
            if (Chars.startsWith(t, q, "```") || Chars.startsWith(t, q, "~~~")) {
                int end = Chars.endOfLine(t, q + 3);
                out.replace(p, end, "");
                p = Chars.nextLineStart(t, end);
            } else {
                p = Chars.nextLineStart(t, p + 1);
            }
        }
        return out.result();
    }

    /** An ATX heading keeps its text, without the leading and closing {@code #}s. */
    static String headings(CharSequence t) {
        Rewrite out = new Rewrite(t);
        for (int p = Chars.nextLineStart(t, 0); p < t.length(); ) {
            int q = Chars.skipSpaces(t, p, 3);
            int hashes = Chars.skipRun(t, q, '#') - q;
            if (hashes >= 1 && hashes <= 6 && q + hashes < t.length() && Chars.blank(t.charAt(q + hashes))) {
                int text = Chars.skipBlanks(t, q + hashes);
                int end = Chars.endOfLine(t, text);
                int textEnd = end;
                while (textEnd > text && (Chars.blank(t.charAt(textEnd - 1)) || t.charAt(textEnd - 1) == '#')) {
                    textEnd--;
                }
                out.replace(p, end, text, textEnd);
                p = Chars.nextLineStart(t, end);
            } else {
                p = Chars.nextLineStart(t, p + 1);
            }
        }
        return out.result();
    }

    /** A line of three or more {@code - * _ =} (spaces between allowed) disappears. */
    static String rules(CharSequence t) {
        Rewrite out = new Rewrite(t);
        for (int p = Chars.nextLineStart(t, 0); p < t.length(); ) {
            int end = ruleEnd(t, Chars.skipSpaces(t, p, 3));
            if (end >= 0) {
                out.replace(p, end, "");
                p = Chars.nextLineStart(t, end);
            } else {
                p = Chars.nextLineStart(t, p + 1);
            }
        }
        return out.result();
    }

    private static int ruleEnd(CharSequence t, int q) {
        char c = q < t.length() ? t.charAt(q) : ' ';
        if ("-*_=".indexOf(c) < 0) {
            return -1;
        }
        int i = q + 1;
        int more = 0;
        for (int j = Chars.skipBlanks(t, i); j < t.length() && t.charAt(j) == c; j = Chars.skipBlanks(t, i)) {
            more++;
            i = j + 1;
        }
        int end = Chars.skipBlanks(t, i);
        return more >= 2 && Chars.lineEnd(t, end) ? end : -1;
    }

    /** Quote markers ({@code >}, each with one optional space) disappear. */
    static String quotes(CharSequence t) {
        Rewrite out = new Rewrite(t);
        for (int p = Chars.nextLineStart(t, 0); p < t.length(); ) {
            int i = Chars.skipSpaces(t, p, 3);
            if (i < t.length() && t.charAt(i) == '>') {
                while (i < t.length() && t.charAt(i) == '>') {
                    i++;
                    if (i < t.length() && Chars.blank(t.charAt(i))) {
                        i++;
                    }
                }
                out.replace(p, i, "");
                p = Chars.nextLineStart(t, i);
            } else {
                p = Chars.nextLineStart(t, p + 1);
            }
        }
        return out.result();
    }

    /**
     * List markers ({@code - * +}, or up to nine digits and {@code .} or {@code )}, then blanks) disappear, with the
     * whitespace before.
     */
    static String listItems(CharSequence t) {
        Rewrite out = new Rewrite(t);
        int spacesEnd = -1;
        for (int p = Chars.nextLineStart(t, 0); p < t.length(); ) {
            if (p >= spacesEnd) { // a run of whitespace (blank lines too) is measured once for every line start in it
                spacesEnd = Chars.skipSpaces(t, p, Integer.MAX_VALUE);
            }
            int end = listMarkerEnd(t, spacesEnd);
            if (end >= 0) {
                out.replace(p, end, "");
                p = Chars.nextLineStart(t, end);
            } else {
                p = Chars.nextLineStart(t, p + 1);
            }
        }
        return out.result();
    }

    private static int listMarkerEnd(CharSequence t, int q) {
        char c = q < t.length() ? t.charAt(q) : ' ';
        int marker;
        if (c == '-' || c == '*' || c == '+') {
            marker = q + 1;
        } else {
            int digits = q;
            while (digits < t.length() && digits - q < 10 && Chars.digit(t.charAt(digits))) {
                digits++;
            }
            boolean numbered = digits > q && digits - q <= 9 && digits < t.length()
                    && (t.charAt(digits) == '.' || t.charAt(digits) == ')');
            marker = numbered ? digits + 1 : -1;
        }
        if (marker < 0 || marker >= t.length() || !Chars.blank(t.charAt(marker))) {
            return -1;
        }
        return Chars.skipBlanks(t, marker);
    }
}
