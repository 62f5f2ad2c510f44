package dev.pidgr.workflow.nudge;

import dev.pidgr.api.v1.DeliveryStatus;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CampaignNudged;
import dev.pidgr.workflow.delivery.NudgeSelection;
import dev.pidgr.workflow.run.Decision;
import dev.pidgr.workflow.run.Effect;
import dev.pidgr.workflow.run.Effects;
import dev.pidgr.workflow.run.FanOuts;
import dev.pidgr.workflow.run.Nudging;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.run.RunReader;
import dev.pidgr.workflow.state.DeliveryState;
import dev.pidgr.workflow.state.Nudge;
import dev.pidgr.workflow.state.NudgePhase;
import dev.pidgr.workflow.step.Batches;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nudges (docs/workflow.md, "Nudges"), as pure decisions beside the walk: a CampaignNudged event takes the nudge in
 * (its selection is the deliveries as they are at that moment, kept exact by {@link NudgeSelection}); its own
 * wake-ups first count the selected deliveries in bounded pages (NudgeSelected: the count NudgeCampaign answers),
 * then remind them in user id order at the nudge's rate, skipping those acknowledged or missed since, and finish
 * with NudgeFinished and a FinishNudge command. A stop of the walk (cancel, end) drops the nudge.
 */
public final class Nudges implements Nudging {

    private static final Logger LOG = LoggerFactory.getLogger(Nudges.class);

    private final Batches batches;
    private final Predicate<Throwable> passThrough;

    /** @param passThrough what a reminder may throw that must propagate (Kafka's own exceptions) */
    public Nudges(Batches batches, Predicate<Throwable> passThrough) {
        this.batches = batches;
        this.passThrough = passThrough;
    }

    @Override
    public Decision nudged(Run run, CampaignEvent event, long now) {
        long id = event.getVersion();
        if (!run.running()) {
            LOG.info("Campaign {}: nudge {} after the walk ended selects nothing", run.campaignId(), id);
            return new Effects(run).emit(NudgeRecords.selected(id, 0), now, NudgeRecords.cause(id))
                    .emit(NudgeRecords.finished(id, 0, 0), now, NudgeRecords.cause(id)).decide();
        }
        CampaignNudged asked = event.getNudged();
        Nudge nudge = Nudge.newBuilder().setNudge(id).addAllStatuses(asked.getStatusesList())
                .setUnreadOnly(asked.getUnreadOnly()).addAllUserIds(asked.getUserIdsList())
                .setRatePerSecond(Math.max(1, asked.getRatePerSecond())).setMessageStepId(asked.getMessageStepId())
                .setFanOut(run.cursor().getFanOut()).setPhase(NudgePhase.NUDGE_PHASE_COUNTING)
                .setWakeUpAt(Math.max(1, now)).build();
        LOG.info("Campaign {}: nudge {} taken in", run.campaignId(), id);
        return Decision.of(run.with(run.cursor().toBuilder().setNudge(nudge).build()));
    }

    /** The nudge's wake-up came (the cursor no longer holds it): the next page of its count or of its reminders. */
    public Decision wake(Run run, long now, RunReader reads) {
        Nudge nudge = run.cursor().getNudge();
        if (nudge.getNudge() == 0) {
            return Decision.of(run);
        }
        return nudge.getPhase() == NudgePhase.NUDGE_PHASE_COUNTING ? count(run, nudge, now, reads)
                : remind(run, nudge, now, reads);
    }

    /** Counts one page of the selection; at its end, NudgeSelected and reminding begins (or the nudge finishes). */
    private Decision count(Run run, Nudge nudge, long now, RunReader reads) {
        NudgeSelection selection = new NudgeSelection(nudge);
        Nudge.Builder next = nudge.toBuilder();
        boolean done = false;
        try (RunReader.Members members = reads.members(run.campaignId(), nudge.getScanAfter())) {
            for (int taken = 0; taken < batches.members() && !done; taken++) {
                RunReader.Member member = members.hasNext() ? members.next() : null;
                done = member == null || !FanOuts.sentTo(nudge.getFanOut(), member.userId());
                if (!done && selection.selected(member.userId(), reads.delivery(run.campaignId(), member.userId()))) {
                    next.setMatched(next.getMatched() + 1);
                }
                if (!done) {
                    next.setScanAfter(member.userId());
                }
            }
        }
        if (!done) {
            return Decision.of(withNudge(run, next.setWakeUpAt(Math.max(1, now))));
        }
        next.setPhase(NudgePhase.NUDGE_PHASE_REMINDING).setScanAfter("").setWakeUpAt(Math.max(1, now));
        Effects effects = new Effects(run).emit(NudgeRecords.selected(nudge.getNudge(), next.getMatched()), now,
                NudgeRecords.cause(nudge.getNudge()));
        LOG.info("Campaign {}: nudge {} selected {} deliveries", run.campaignId(), nudge.getNudge(), next.getMatched());
        return next.getMatched() == 0 ? finish(effects, next.build(), now)
                : effects.decide(run.cursor().toBuilder().setNudge(next));
    }

    /** Reminds the selected deliveries of one page, as far as the pace allows; finishes after the last. */
    private Decision remind(Run run, Nudge unpaced, long now, RunReader reads) {
        // The pace starts at the first reminding wake-up, so a late one does not begin with a burst.
        Nudge nudge = unpaced.getPacedFrom() == 0 ? unpaced.toBuilder().setPacedFrom(now).build() : unpaced;
        long allowed = NudgePacing.allowed(nudge.getPacedFrom(), nudge.getRatePerSecond(), now);
        long oneSecond = nudge.getReminded() + (long) nudge.getRatePerSecond();
        if (allowed > oneSecond) { // after a stall: no burst of the backlog
            allowed = oneSecond;
            nudge = nudge.toBuilder().setPacedFrom(NudgePacing.rebased(now, nudge.getRatePerSecond(), allowed)).build();
        }
        NudgeReminders reminders = new NudgeReminders(run, nudge, now, reads);
        Effects effects = new Effects(run);
        NudgeReminders.Page page;
        try {
            page = reminders.page(effects, batches, allowed);
        } catch (Throwable e) {
            if (passThrough.test(e)) {
                throw e;
            }
            LOG.error("Campaign {}: nudge {} stopped: a reminder failed", run.campaignId(), nudge.getNudge(), e);
            return finish(effects, reminders.progress(), now);
        }
        Nudge progress = page.nudge();
        if (page.done()) {
            return finish(effects, progress, now);
        }
        long wakeAt = page.paced()
                ? NudgePacing.dueAt(progress.getPacedFrom(), progress.getRatePerSecond(), progress.getReminded() + 1L)
                : now;
        return effects.decide(run.cursor().toBuilder().setNudge(progress.toBuilder().setWakeUpAt(Math.max(1,
                wakeAt))));
    }

    /** NudgeFinished and FinishNudge; the run has no nudge any more. */
    private static Decision finish(Effects effects, Nudge nudge, long now) {
        Decision emitted = effects.emit(NudgeRecords.finished(nudge.getNudge(), nudge.getReminded(),
                nudge.getSkipped()), now, NudgeRecords.cause(nudge.getNudge())).decide();
        Run run = emitted.run();
        LOG.info("Campaign {}: nudge {} finished, {} reminded, {} skipped", run.campaignId(), nudge.getNudge(),
                nudge.getReminded(), nudge.getSkipped());
        Decision command = new Effects(run).add(new Effect.Command(NudgeRecords.finish(run, nudge.getNudge(),
                nudge.getReminded(), nudge.getSkipped(), now))).decide(run.cursor().toBuilder().clearNudge());
        return emitted.then(command);
    }

    private static Run withNudge(Run run, Nudge.Builder nudge) {
        return run.with(run.cursor().toBuilder().setNudge(nudge).build());
    }

    /** Whether a selected delivery is past reminding: acknowledged or missed since the nudge was taken in. */
    static boolean settled(DeliveryState state) {
        return state.getStatus() == DeliveryStatus.DELIVERY_STATUS_ACKNOWLEDGED
                || state.getStatus() == DeliveryStatus.DELIVERY_STATUS_MISSED;
    }
}
