package dev.pidgr.contract.render;

import java.io.IOException;
import java.io.Writer;

/**
 * Backslash-escapes a value for a Markdown (or RICH) body, so that whatever it holds is shown as
 * text: no link, image, HTML, entity, emphasis, code, table cell or block of its own. Characters
 * that are markup anywhere are always escaped ({@code \ ` * _ ~ [ ] ( ) < > & | !}); those that
 * are markup only where a line starts ({@code # - + =}, and the {@code .} of {@code 1.}) only
 * there, at the value's start or after a line break in it, past any indentation. So
 * {@code user-01} and {@code 3+4=7} stay as they are. CommonMark reads every backslash-escaped
 * ASCII punctuation character as that character, and so does {@link MarkdownText}.
 */
final class MarkdownEscaper {

    private static final boolean[] ALWAYS = table("\\`*_~[]()<>&|!");
    private static final boolean[] LINE_START = table("#-+=");

    private MarkdownEscaper() {
    }

    static void escape(String value, Writer out) throws IOException {
        int written = 0;
        boolean lineStart = true;
        boolean digits = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean escape = c < 128 && (ALWAYS[c] || lineStart && LINE_START[c] || digits && c == '.');
            if (c == '\n' || c == '\r') {
                lineStart = true;
                digits = false;
            } else if (c != ' ' && c != '\t' || !lineStart) {
                digits = (lineStart || digits) && c >= '0' && c <= '9';
                lineStart = false;
            }
            if (escape) {
                out.write(value, written, i - written);
                out.write('\\');
                written = i;
            }
        }
        out.write(value, written, value.length() - written);
    }

    private static boolean[] table(String chars) {
        boolean[] table = new boolean[128];
        chars.chars().forEach(c -> table[c] = true);
        return table;
    }
}
