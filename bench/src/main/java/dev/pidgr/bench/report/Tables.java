package dev.pidgr.bench.report;

import java.util.List;

/** Plain text tables: columns as wide as their widest cell, a rule under the header. */
final class Tables {

    private Tables() {
    }

    static String render(List<String[]> lines) {
        int columns = lines.getFirst().length;
        int[] widths = new int[columns];
        for (String[] line : lines) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int l = 0; l < lines.size(); l++) {
            appendLine(out, lines.get(l), widths);
            if (l == 0) {
                String[] rule = new String[columns];
                for (int c = 0; c < columns; c++) {
                    rule[c] = "-".repeat(widths[c]);
                }
                appendLine(out, rule, widths);
            }
        }
        return out.toString();
    }

    private static void appendLine(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            line.append(c == 0 ? "" : "  ").append(cells[c]).append(" ".repeat(widths[c] - cells[c].length()));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
