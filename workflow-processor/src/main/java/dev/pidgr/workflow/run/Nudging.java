package dev.pidgr.workflow.run;

import dev.pidgr.events.v1.CampaignEvent;

/**
 * What a CampaignNudged event does to a run (dev.pidgr.workflow.nudge.Nudges): the nudge is taken in, its
 * deliveries selected as they are now. An interface here so that the campaign events' decider names no nudge
 * class, as the walker names no step.
 */
public interface Nudging {

    /** The decision for a CampaignNudged event (not a replay) of this run at {@code now}. */
    Decision nudged(Run run, CampaignEvent event, long now);
}
