package dev.pidgr.command.check;

import java.util.List;

/**
 * What {@link StateCheck} found: how many aggregates, audience chunks and catalog entries it compared, and
 * every difference between the state stores and the fold of the event topics (at most
 * {@link StateCheck#MAX_REPORTED} are listed).
 */
public record StateCheckReport(
        int campaigns, int audienceChunks, int templates, int catalogEntries, List<String> mismatches) {

    public StateCheckReport {
        mismatches = List.copyOf(mismatches);
    }

    public boolean consistent() {
        return mismatches.isEmpty();
    }

    @Override
    public String toString() {
        return (consistent() ? "consistent" : mismatches.size() + " mismatch(es)") + ": " + campaigns + " campaigns, "
                + audienceChunks + " audience chunks, " + templates + " templates, " + catalogEntries
                + " catalog entries"
                + (consistent() ? "" : "\n  " + String.join("\n  ", mismatches));
    }
}
