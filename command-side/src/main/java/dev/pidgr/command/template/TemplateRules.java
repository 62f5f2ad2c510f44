package dev.pidgr.command.template;

import dev.pidgr.api.v1.TemplateVariable;
import dev.pidgr.api.v1.TemplateVariableSource;
import dev.pidgr.command.decision.Text;
import dev.pidgr.command.decision.Violation;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The field rules of CreateTemplate and UpdateTemplate, the placeholder rule of both, and the shape
 * rules of a new body or title: few enough tags and shallow enough sections that rendering one
 * message costs a bounded amount of work, tag names short enough that looking one up does too, and
 * no unescaped tag, since every value is escaped for its template type (docs/workflow.md).
 */
final class TemplateRules {

    static final int MAX_NAME = 200;
    static final int MAX_BODY = 50_000;
    static final int MAX_TITLE = 200;
    static final int MAX_VARIABLES = 100;
    /** Tags of every kind in one body or title. */
    static final int MAX_TAGS = 1_000;
    /** Sections inside sections. */
    static final int MAX_DEPTH = 10;
    /** Characters of the name in one tag (a dotted name counts whole). */
    static final int MAX_TAG_NAME = 200;
    private static final Pattern VARIABLE_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    private TemplateRules() {
    }

    static void variables(List<TemplateVariable> variables, List<Violation> out) {
        if (variables.size() > MAX_VARIABLES) {
            out.add(new Violation(
                    "variables",
                    "a template may declare at most " + MAX_VARIABLES + " variables (got " + variables.size() + ")"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < variables.size(); i++) {
            TemplateVariable v = variables.get(i);
            String path = "variables[" + i + "]";
            if (Text.length(v.getName()) > 100 || !VARIABLE_NAME.matcher(v.getName()).matches()) {
                out.add(new Violation(
                        path + ".name",
                        "variable name " + Text.quote(v.getName())
                                + " must be a letter or underscore followed by letters, digits or underscores,"
                                + " at most 100 characters"));
            } else if (!seen.add(v.getName())) {
                out.add(new Violation(
                        path + ".name", "variable " + Text.quote(v.getName()) + " is declared more than once"));
            }
            Text.maxLength(out, path + ".description", v.getDescription(), 500);
            Text.maxLength(out, path + ".default_value", v.getDefaultValue(), 1000);
            if (v.getSource() == TemplateVariableSource.UNRECOGNIZED) {
                out.add(new Violation(
                        path + ".source", "variable " + Text.quote(v.getName()) + " has an unknown source"));
            }
        }
    }

    /** Every placeholder in {@code text} must name a declared variable; Mustache syntax errors are reported too. */
    static void placeholders(String field, String text, List<TemplateVariable> variables, List<Violation> out) {
        checkedPlaceholders(field, text, variables, out);
    }

    /** A body or title being written: {@link #placeholders} and the shape rules. */
    static void template(String field, String text, List<TemplateVariable> variables, List<Violation> out) {
        MustacheTags.Scan scan = checkedPlaceholders(field, text, variables, out);
        if (scan == null) {
            return;
        }
        if (scan.tags() > MAX_TAGS) {
            out.add(new Violation(
                    field, field + " may have at most " + MAX_TAGS + " Mustache tags (got " + scan.tags() + ")"));
        }
        if (scan.depth() > MAX_DEPTH) {
            out.add(new Violation(
                    field, field + " may nest sections at most " + MAX_DEPTH + " deep (got " + scan.depth() + ")"));
        }
        if (scan.longestName() > MAX_TAG_NAME) {
            out.add(new Violation(field, field + " may have tag names of at most " + MAX_TAG_NAME + " characters (got "
                    + scan.longestName() + ")"));
        }
        if (!scan.unescaped().isEmpty()) {
            out.add(new Violation(
                    field,
                    field + " may not use the unescaped tag "
                            + Text.quote(scan.unescaped().getFirst())
                            + ": every value is escaped for the template type"));
        }
    }

    /** The scan, or null when the syntax is broken (then that is the only violation). */
    private static MustacheTags.Scan checkedPlaceholders(String field, String text, List<TemplateVariable> variables,
                                                         List<Violation> out) {
        MustacheTags.Scan scan = MustacheTags.scan(text);
        if (!scan.ok()) {
            out.add(new Violation(field, field + ": " + scan.problem()));
            return null;
        }
        Set<String> declared = new HashSet<>();
        variables.forEach(v -> declared.add(v.getName()));
        for (String name : new LinkedHashSet<>(scan.names())) {
            if (!declared.contains(name)) {
                out.add(new Violation(
                        field, "placeholder {{" + name + "}} in " + field + " names no declared variable"));
            }
        }
        return scan;
    }
}
