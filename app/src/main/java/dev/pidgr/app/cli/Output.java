package dev.pidgr.app.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Prints results for people (aligned tables, key-value blocks) or for scripts (--json, the API's shape). */
public final class Output {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final JsonFormat.Printer JSON = JsonFormat.printer().preservingProtoFieldNames();

    private final boolean json;
    private final PrintWriter out;

    Output(boolean json, PrintWriter out) {
        this.json = json;
        this.out = out;
    }

    public boolean json() {
        return json;
    }

    /** The whole response as JSON. */
    public void json(MessageOrBuilder message) {
        try {
            out.println(JSON.print(message));
            out.flush();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print " + message.getClass().getSimpleName(), e);
        }
    }

    /** A table: a header row, then one row per item, columns padded to their widest cell. */
    public void table(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] widths = new int[header.size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i + 1 < row.size() ? String.format("%-" + widths[i] + "s  ", row.get(i)) : row.get(i));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    /** "key: value" lines, keys aligned. */
    public void fields(List<String[]> pairs) {
        int width = pairs.stream().mapToInt(p -> p[0].length()).max().orElse(0);
        for (String[] pair : pairs) {
            out.printf("%-" + (width + 1) + "s %s%n", pair[0] + ":", pair[1]);
        }
        out.flush();
    }

    public void line(String text) {
        out.println(text);
        out.flush();
    }

    /** Text without a line end (a progress line redrawn in place). */
    public void print(String text) {
        out.print(text);
        out.flush();
    }

    /** Whether a person watches: standard output is a terminal (progress can then be redrawn in place). */
    public static boolean interactiveTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // JDK 22+ returns a Console for redirected streams too; isTerminal() tells them apart.
            return (boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** A timestamp in local time, or "-" when unset. */
    public static String time(Timestamp timestamp) {
        if (timestamp == null || (timestamp.getSeconds() == 0 && timestamp.getNanos() == 0)) {
            return "-";
        }
        return TIME.format(Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()));
    }

    /** An enum constant without its type prefix: CAMPAIGN_STATUS_ACTIVE gives ACTIVE. */
    public static String shortName(Enum<?> value, String prefix) {
        String name = value.name();
        return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    }
}
