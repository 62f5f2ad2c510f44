package dev.pidgr.contract.render;

/**
 * The inline Markdown rules: images and links keep their text, autolinks their address, code
 * spans their code. Each scans its text once; "the next {@code ]}" (or {@code )}, {@code >},
 * backtick) is found through a {@link Next}, so a text full of openers is still read once.
 */
final class MarkdownInline {

    private MarkdownInline() {
    }

    /** {@code ![text](anything)} becomes {@code text}. */
    static String images(CharSequence t) {
        Rewrite out = new Rewrite(t);
        Next bracket = new Next(t, ']');
        Next paren = new Next(t, ')');
        for (int i = Chars.indexOf(t, '!', 0); i >= 0; i = Chars.indexOf(t, '!', i)) {
            int close = i + 1 < t.length() && t.charAt(i + 1) == '[' ? bracket.from(i + 2) : -1;
            int end = close >= 0 && close + 1 < t.length() && t.charAt(close + 1) == '(' ? paren.from(close + 2) : -1;
            if (end < 0) {
                i++;
            } else {
                out.replace(i, end + 1, i + 2, close);
                i = end + 1;
            }
        }
        return out.result();
    }

    /** {@code [text](anything)} and {@code [text][label]} become {@code text}. */
    static String links(CharSequence t) {
        Rewrite out = new Rewrite(t);
        Next bracket = new Next(t, ']');
        Next paren = new Next(t, ')');
        Next labelEnd = new Next(t, ']');
        for (int i = Chars.indexOf(t, '[', 0); i >= 0; i = Chars.indexOf(t, '[', i)) {
            int close = bracket.from(i + 1);
            char after = close >= 0 && close + 1 < t.length() ? t.charAt(close + 1) : ' ';
            int end = after == '(' ? paren.from(close + 2) : after == '[' ? labelEnd.from(close + 2) : -1;
            if (end < 0) {
                i++;
            } else {
                out.replace(i, end + 1, i + 1, close);
                i = end + 1;
            }
        }
        return out.result();
    }

    /** {@code <http:...>}, {@code <https:...>} and {@code <mailto:...>} (no space inside) become the address. */
    static String autolinks(CharSequence t) {
        Rewrite out = new Rewrite(t);
        Next stop = Next.anyOf(t, "> \t\n\u000B\f\r");
        for (int i = Chars.indexOf(t, '<', 0); i >= 0; i = Chars.indexOf(t, '<', i)) {
            int address = schemeEnd(t, i + 1);
            int end = address < 0 ? -1 : stop.from(address);
            if (end > address && t.charAt(end) == '>') {
                out.replace(i, end + 1, i + 1, end);
                i = end + 1;
            } else {
                i++;
            }
        }
        return out.result();
    }

    private static int schemeEnd(CharSequence t, int at) {
        for (String scheme : new String[] {"http:", "https:", "mailto:"}) {
            if (Chars.startsWith(t, at, scheme)) {
                return at + scheme.length();
            }
        }
        return -1;
    }

    /** Backtick runs around code keep the code: {@code `a`} and {@code ``a``} become {@code a}. */
    static String codeSpans(CharSequence t) {
        Rewrite out = new Rewrite(t);
        Next tick = new Next(t, '`');
        for (int i = Chars.indexOf(t, '`', 0); i >= 0; i = Chars.indexOf(t, '`', i)) {
            int code = Chars.skipRun(t, i, '`');
            int close = code < t.length() ? tick.from(code) : -1;
            if (close < 0) {
                i = code; // no run starting inside this one can match either
            } else {
                int end = Chars.skipRun(t, close, '`');
                out.replace(i, end, code, close);
                i = end;
            }
        }
        return out.result();
    }
}
