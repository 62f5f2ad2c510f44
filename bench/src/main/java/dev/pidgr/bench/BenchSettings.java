package dev.pidgr.bench;

import java.nio.file.Path;

/**
 * What one run measures and where it writes.
 *
 * @param root           the repository, where {@code ./pidgr} is
 * @param recipients     recipients of the fan-out (campaigns of at most 100,000 each)
 * @param rate           offered rate of the fixed-rate CreateCampaign phase, calls/s
 * @param latencySeconds length of the fixed-rate and the saturation phase each
 * @param callers        concurrent callers at saturation
 * @param ackCallers     SubmitAction calls in flight
 * @param rounds         rounds of each measurement with a baseline (the table shows the median round)
 * @param idleSeconds    how long the idle phase at the end watches the dev process doing nothing
 * @param million        run the {@code --million} phase instead of the standard ones
 * @param gateway        run the {@code --gateway} phase (email through dev's gateway) instead
 * @param json           the JSON results file
 * @param runDir         the dev server's data folder, its log and profiles
 * @param profile        record a JFR profile of the dev process per phase
 * @param keepData       keep the data folder afterwards
 * @param command        the command line, for the report
 */
public record BenchSettings(Path root, int recipients, int rate, int latencySeconds, int callers, int ackCallers,
                            int rounds, int idleSeconds, boolean million, boolean gateway, Path json, Path runDir,
                            boolean profile, boolean keepData, String command) {

    /** The API's audience limit per campaign; larger runs use several campaigns. */
    public static final int MAX_AUDIENCE = 100_000;

    public BenchSettings {
        if (recipients < 1 || rate < 1 || latencySeconds < 1 || callers < 1 || ackCallers < 1 || rounds < 1
                || idleSeconds < 1) {
            throw new IllegalArgumentException(
                    "recipients, rate, latency seconds, callers, rounds and idle seconds must be positive");
        }
    }

    /**
     * How many CreateCampaign calls each round of the fixed-rate phase makes (and raw round trips its baseline makes).
     */
    public int fixedRateCallsPerRound() {
        return Math.max(1, rate * latencySeconds / rounds);
    }
}
