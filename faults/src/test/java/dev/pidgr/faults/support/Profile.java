package dev.pidgr.faults.support;

/**
 * The sizes of a run. The short version (the default: what every build runs) keeps the suite to a
 * few minutes on a 2-core machine; the full version ({@code -Dpidgr.faults.full=true}, or
 * {@code faults/run.sh --full}) runs the work item's sizes: a 100,000-member campaign whose
 * workflow process is killed three times.
 */
public final class Profile {

    public static final boolean FULL = Boolean.getBoolean("pidgr.faults.full");

    private Profile() {
    }

    /** Members of the campaign whose fan-out is interrupted. */
    public static int fanOutMembers() {
        return FULL ? 100_000 : 20_000;
    }

    /** Members of the campaign whose email the gateway is sending when it is killed (half have an address). */
    public static int gatewayMembers() {
        return FULL ? 10_000 : 1_000;
    }

    /** SIGKILLs of the workflow process during that fan-out. */
    public static int workflowKills() {
        return FULL ? 3 : 1;
    }

    /** Members of the campaigns that run through a broker or database restart, or a paused processor. */
    public static int outageMembers() {
        return FULL ? 50_000 : 20_000;
    }

    /** Clients sending commands while the command and api processes are killed. */
    public static int commandClients() {
        return FULL ? 8 : 4;
    }

    /** Members of the campaign a nudge reminds while the workflow process is killed. */
    public static int nudgeMembers() {
        return FULL ? 50_000 : 3_000;
    }

    /** That nudge's rate, reminders per second. */
    public static int nudgeRate() {
        return FULL ? 5_000 : 1_000;
    }

    public static String name() {
        return FULL ? "full" : "short";
    }
}
