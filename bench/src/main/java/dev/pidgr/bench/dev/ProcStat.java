package dev.pidgr.bench.dev;

import java.util.OptionalLong;

/** Reads the figures we need from Linux's {@code /proc/<pid>/stat} and {@code /proc/<pid>/status} texts. */
public final class ProcStat {

    private ProcStat() {
    }

    /**
     * The fields after the command name of a stat line, which is in parentheses and may itself hold
     * spaces and parentheses: field 3 (state) is index 0.
     */
    static String[] fieldsAfterName(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + statLine);
        }
        return statLine.substring(close + 1).trim().split("\\s+");
    }

    /** The command (a thread's name, at most 15 characters), field 2 without its parentheses. */
    public static String name(String statLine) {
        int open = statLine.indexOf('(');
        int close = statLine.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + statLine);
        }
        return statLine.substring(open + 1, close);
    }

    /** The parent pid (field 4). */
    public static long parentPid(String statLine) {
        return Long.parseLong(fieldsAfterName(statLine)[1]);
    }

    /** utime + stime (fields 14 and 15), in clock ticks: the process's own CPU time. */
    public static long ownTicks(String statLine) {
        String[] f = fieldsAfterName(statLine);
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** cutime + cstime (fields 16 and 17), in clock ticks: CPU time of children it has waited for. */
    public static long reapedChildrenTicks(String statLine) {
        String[] f = fieldsAfterName(statLine);
        return Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    /** A {@code kB} line of a status text, such as {@code VmHWM} (peak resident set size), in KiB. */
    public static OptionalLong statusKiB(String statusText, String field) {
        for (String line : statusText.split("\n")) {
            if (line.startsWith(field + ":")) {
                String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                return OptionalLong.of(Long.parseLong(parts[0]));
            }
        }
        return OptionalLong.empty();
    }
}
