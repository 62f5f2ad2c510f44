package dev.pidgr.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results of a run: the table's rows, plus details (phases, sizes, CPU per phase) for the JSON only. */
public final class Report {

    private final Map<String, Object> run = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();

    /** A fact about the run (machine, JDK, command, date). */
    public void fact(String name, Object value) {
        run.put(name, value);
    }

    public void add(Row row) {
        rows.add(row);
    }

    /** A detail for the JSON (not printed in the table). */
    public void detail(String name, Object value) {
        details.put(name, value);
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** True when every row with a target meets it. */
    public boolean targetsMet() {
        return rows.stream().allMatch(r -> r.met() == null || r.met());
    }

    /** The table: metric, value, baseline, ratio, target, met. */
    public void print(PrintStream out) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"metric", "value", "baseline", "ratio", "target", "met"});
        for (Row r : rows) {
            lines.add(new String[] {r.metric(), format(r.value(), r.unit()),
                    r.baseline() == null ? "" : format(r.baseline(), r.unit()) + " (" + r.baselineName() + ")",
                    r.ratio() == null ? "" : String.format(Locale.ROOT, "%.2f", r.ratio()),
                    r.target() == null ? "" : r.target(),
                    r.met() == null ? "" : r.met() ? "yes" : "NO"});
        }
        out.print(Tables.render(lines));
    }

    /** A value with its unit: rates and counts with thousands separators, times with decimals. */
    static String format(double value, String unit) {
        String number = switch (unit) {
            case "ms" -> String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
            case "s" -> String.format(Locale.ROOT, "%.2f", value);
            case "% of a core" -> String.format(Locale.ROOT, "%.1f", value);
            default -> String.format(Locale.ROOT, "%,.0f", value);
        };
        return number + " " + unit;
    }

    public void writeJson(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", run);
        json.put("results", rows);
        json.put("details", details);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }
}
