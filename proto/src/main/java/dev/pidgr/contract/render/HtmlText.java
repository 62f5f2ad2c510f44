package dev.pidgr.contract.render;

import java.util.List;

/**
 * HTML as plain text: scripts, styles and comments dropped, block elements as line breaks, tags
 * removed, entities decoded. Each step scans once, in time linear in the text whatever it holds
 * (an unclosed {@code <!--} or {@code <a} repeated is read once, not once per opening).
 */
final class HtmlText {

    private static final List<String> HIDDEN = List.of("script", "style", "head", "template");
    private static final List<String> BLOCKS = List.of("br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
            "h6", "tr", "table", "blockquote", "pre", "hr", "section", "article", "header", "footer", "dt", "dd");

    private HtmlText() {
    }

    static String of(String html) {
        return HtmlEntities.decode(stripTags(blocksToBreaks(dropHidden(html))));
    }

    /** Drops comments and script, style, head and template elements with their content. */
    static String dropHidden(CharSequence t) {
        Rewrite out = new Rewrite(t);
        Next gt = new Next(t, '>');
        Next commentEnd = new Next(t, "-->");
        List<Closing> closings = HIDDEN.stream().map(name -> new Closing(t, name)).toList();
        for (int i = Chars.indexOf(t, '<', 0); i >= 0; i = Chars.indexOf(t, '<', i)) {
            int end = -1;
            if (Chars.startsWith(t, i, "<!--")) {
                int close = commentEnd.from(i + 4);
                end = close < 0 ? -1 : close + 3;
            } else {
                for (Closing closing : closings) {
                    if (Chars.startsWithIgnoreCase(t, i + 1, closing.name)
                            && !Chars.wordAt(t, i + 1 + closing.name.length())) {
                        int open = gt.from(i + 1 + closing.name.length());
                        end = open < 0 ? -1 : closing.after(open + 1);
                        break;
                    }
                }
            }
            if (end < 0) {
                i++;
            } else {
                out.replace(i, end, "");
                i = end;
            }
        }
        return out.result();
    }

    /** Block elements' opening and closing tags become line breaks. */
    static String blocksToBreaks(CharSequence t) {
        Rewrite out = new Rewrite(t);
        Next gt = new Next(t, '>');
        for (int i = Chars.indexOf(t, '<', 0); i >= 0; i = Chars.indexOf(t, '<', i)) {
            int name = i + 1 < t.length() && t.charAt(i + 1) == '/' ? i + 2 : i + 1;
            int end = -1;
            for (String block : BLOCKS) {
                if (Chars.startsWithIgnoreCase(t, name, block) && !Chars.wordAt(t, name + block.length())) {
                    int close = gt.from(name + block.length());
                    end = close < 0 ? -1 : close + 1;
                    break;
                }
            }
            if (end < 0) {
                i++;
            } else {
                out.replace(i, end, "\n");
                i = end;
            }
        }
        return out.result();
    }

    /** Removes tags: {@code <} and a letter, {@code /} or {@code !}, up to the next {@code >}. */
    static String stripTags(CharSequence t) {
        Rewrite out = new Rewrite(t);
        Next gt = new Next(t, '>');
        for (int i = Chars.indexOf(t, '<', 0); i >= 0; i = Chars.indexOf(t, '<', i)) {
            char next = i + 1 < t.length() ? t.charAt(i + 1) : ' ';
            int close = Chars.asciiLetter(next) || next == '/' || next == '!' ? gt.from(i + 2) : -1;
            if (close < 0) {
                i++;
            } else {
                out.replace(i, close + 1, "");
                i = close + 1;
            }
        }
        return out.result();
    }

    /**
     * Where an element's closing tag ({@code </name}, spaces, {@code >}, any case) ends, for positions moving forward.
     */
    private static final class Closing {
        private final CharSequence text;
        private final String name;
        private final Next tagOpen;
        private int searchedFrom = Integer.MAX_VALUE;
        private int foundAt = -1;
        private int foundEnd = -1;

        Closing(CharSequence text, String name) {
            this.text = text;
            this.name = name;
            this.tagOpen = new Next(text, "</");
        }

        /** The end of the first closing tag starting at or after {@code from}, or -1. */
        int after(int from) {
            if (from < searchedFrom || foundAt >= 0 && from > foundAt) {
                searchedFrom = from;
                search(from);
            }
            return foundEnd;
        }

        private void search(int from) {
            for (int at = tagOpen.from(from); at >= 0; at = tagOpen.from(at + 1)) {
                int end = at + 2 + name.length();
                if (Chars.startsWithIgnoreCase(text, at + 2, name)) {
                    while (end < text.length() && Chars.space(text.charAt(end))) {
                        end++;
                    }
                    if (end < text.length() && text.charAt(end) == '>') {
                        foundAt = at;
                        foundEnd = end + 1;
                        return;
                    }
                }
            }
            foundAt = -1;
            foundEnd = -1;
        }
    }
}
