package dev.pidgr.command.template;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads the tags of a Mustache template the way a Mustache renderer does: variables {@code {{x}}},
 * unescaped {@code {{{x}}}} and {@code {{&x}}}, sections {@code {{#x}}}, inverted sections
 * {@code {{^x}}} and their ends {@code {{/x}}}, comments {@code {{! }}} and delimiter changes
 * {@code {{=<% %>=}}}. Partials and inheritance tags are refused: templates here are self-contained.
 * The result is every variable name used (dotted names by their first segment) and the template's
 * shape (tags, section depth, unescaped tags, longest name), or the first syntax problem. Sections
 * are tracked on a stack, never by recursion, so any nesting is measured in linear time.
 */
public final class MustacheTags {

    /**
     * The outcome: the names used, in order, or a syntax problem; and what was read up to there.
     *
     * @param tags        tags of every kind, section ends, comments and delimiter changes included
     * @param depth       the deepest section nesting
     * @param unescaped   the unescaped tags ({@code {{{x}}}}, {@code {{&x}}}) as written
     * @param longestName the longest name in a tag, in characters
     */
    public record Scan(
            List<String> names, String problem, int tags, int depth, List<String> unescaped, int longestName) {
        public boolean ok() {
            return problem == null;
        }
    }

    private String open = "{{";
    private String close = "}}";
    private final List<String> names = new ArrayList<>();
    private final Deque<String> sections = new ArrayDeque<>();
    /** The delimiters in force where each open section began: as in mustache.java, a change made
     * inside a section ends with it. */
    private final Deque<String[]> outerDelimiters = new ArrayDeque<>();
    private final List<String> unescaped = new ArrayList<>();
    private int tags;
    private int depth;
    private int longestName;

    private MustacheTags() {
    }

    public static Scan scan(String template) {
        MustacheTags t = new MustacheTags();
        String problem = t.run(template);
        return new Scan(List.copyOf(t.names), problem, t.tags, t.depth, List.copyOf(t.unescaped), t.longestName);
    }

    private String run(String text) {
        int pos = 0;
        while (true) {
            int at = text.indexOf(open, pos);
            if (at < 0) {
                return sections.isEmpty() ? null : "section {{#" + sections.peek() + "}} is never closed";
            }
            int start = at + open.length();
            boolean triple = open.equals("{{") && text.startsWith("{", start);
            String end = triple ? "}" + close : close;
            int stop = text.indexOf(end, start);
            if (stop < 0) {
                return "tag opened at character " + at + " is never closed";
            }
            tags++;
            String whole = text.substring(at, stop + end.length());
            String problem = tag(triple ? "&" + text.substring(start + 1, stop) : text.substring(start, stop), whole);
            if (problem != null) {
                return problem;
            }
            pos = stop + end.length();
        }
    }

    private String tag(String raw, String whole) {
        String content = raw.strip();
        if (content.isEmpty()) {
            return "empty tag " + open + close;
        }
        // Like mustache.java, a sigil counts only right after the opening delimiter: "{{ ! x }}" is
        // the variable "! x", not a comment.
        char sigil = raw.charAt(0);
        String rest = raw.substring(1).strip();
        return switch (sigil) {
            case '!' -> null;
            case '=' -> delimiters(content);
            case '#', '^' -> {
                sections.push(rest);
                outerDelimiters.push(new String[] {open, close});
                depth = Math.max(depth, sections.size());
                yield name(rest);
            }
            case '/' -> closeSection(rest);
            case '&' -> unescaped(whole, rest);
            case '{' ->
                rest.endsWith("}")
                        ? unescaped(whole, rest.substring(0, rest.length() - 1).strip())
                        : "tag " + open + content + close + " is not closed with }";
            case '>', '<', '$' ->
                "tag " + open + content + close + ": partials and template inheritance are not supported";
            default -> name(content);
        };
    }

    private String closeSection(String name) {
        if (sections.isEmpty() || !sections.peek().equals(name)) {
            return "{{/" + name + "}} closes a section that is not open"
                    + (sections.isEmpty() ? "" : " (open: {{#" + sections.peek() + "}})");
        }
        sections.pop();
        String[] outer = outerDelimiters.pop();
        open = outer[0];
        close = outer[1];
        return null;
    }

    private String unescaped(String whole, String name) {
        unescaped.add(whole);
        return name(name);
    }

    /** Names are checked by their first segment; "." is the current item of a section and names nothing. */
    private String name(String name) {
        if (name.isEmpty()) {
            return "a tag without a name";
        }
        longestName = Math.max(longestName, name.length());
        if (name.equals(".")) {
            return null;
        }
        int dot = name.indexOf('.');
        names.add(dot < 0 ? name : name.substring(0, dot));
        return null;
    }

    private String delimiters(String content) {
        if (content.length() < 2 || !content.endsWith("=")) {
            return "delimiter change " + open + content + close + " must end with =";
        }
        String[] parts = content.substring(1, content.length() - 1).strip().split("\\s+");
        if (parts.length != 2 || parts[0].contains("=") || parts[1].contains("=") || parts[0].isEmpty()) {
            return "delimiter change " + open + content + close + " must name two delimiters, such as {{=<% %>=}}";
        }
        open = parts[0];
        close = parts[1];
        return null;
    }
}
