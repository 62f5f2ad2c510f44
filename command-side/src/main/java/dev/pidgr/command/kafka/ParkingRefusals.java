package dev.pidgr.command.kafka;

import dev.pidgr.command.decision.Rejection;
import dev.pidgr.events.v1.CampaignCommand;
import dev.pidgr.events.v1.CommandResult;

/** The answers for commands that would park while their organization's share of the parking lot is full. */
final class ParkingRefusals {

    private ParkingRefusals() {
    }

    /**
     * A command refused for want of a template gets that refusal at once, without the grace period:
     * the same code and field violations it would get at the end of the grace, and a message that says why.
     */
    static CommandResult notWaitedFor(CommandResult refusal) {
        String message = refusal.getRejected().getMessage()
                + " (not waited for: too many commands of this organization are waiting for templates)";
        return refusal.toBuilder().setRejected(refusal.getRejected().toBuilder().setMessage(message)).build();
    }

    /** A command that would queue behind an earlier command of its campaign waiting for its template. */
    static CommandResult notQueued(CampaignCommand command, long visibleVersion) {
        return Results.rejected(
                command.getMetadata().getCommandId(),
                command.getCampaignId(),
                visibleVersion,
                Rejection.failedPrecondition(
                        "campaign " + command.getCampaignId() + " has an earlier command waiting for its template, and"
                                + " too many commands of this organization are waiting;"
                                + " send this command again once that one is answered"));
    }
}
