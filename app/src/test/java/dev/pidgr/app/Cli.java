package dev.pidgr.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the pidgr command line in this JVM, as a user would type it, capturing what it prints and its exit code. */
final class Cli {

    /** One run: its exit code and what it printed to standard output and standard error. */
    record Run(int exit, String out, String err) {

        /** The value of a "key: value" line of a shown item. */
        String field(String key) {
            Matcher m = Pattern.compile("^" + Pattern.quote(key) + ":\\s+(.*)$", Pattern.MULTILINE).matcher(out);
            if (!m.find()) {
                throw new AssertionError("no field \"" + key + "\" in:\n" + out);
            }
            return m.group(1).strip();
        }

        List<String> lines() {
            return out.lines().toList();
        }

        /** The cells of table rows (header excluded) whose first cell is {@code first}. */
        List<List<String>> rowsStartingWith(String first) {
            return lines().stream().skip(1).map(line -> List.of(line.split("\\s{2,}")))
                    .filter(cells -> cells.get(0).equals(first)).toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    private Cli() {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** A client command against {@code node} with {@code token}: the connection options appended. */
    static Run client(RunningNode node, String token, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--server", node.server(), "--token", token));
        return run(all.toArray(String[]::new));
    }
}
