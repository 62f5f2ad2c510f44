package dev.pidgr.command.campaign;

import dev.pidgr.api.v1.AudienceMember;

/**
 * A campaign's audience, read only when a decision needs it (StartCampaign checks every member).
 * The processor streams it from the per-chunk store entries; tests give a list.
 */
@FunctionalInterface
public interface AudienceSource {

    AudienceSource EMPTY = java.util.List::of;

    /** The members in creation order. */
    Iterable<AudienceMember> members();
}
