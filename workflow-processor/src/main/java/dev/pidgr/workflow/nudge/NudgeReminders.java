package dev.pidgr.workflow.nudge;

import dev.pidgr.api.v1.WorkflowStep;
import dev.pidgr.contract.render.MessageTemplate;
import dev.pidgr.events.v1.PushRequest;
import dev.pidgr.workflow.delivery.NudgeSelection;
import dev.pidgr.workflow.run.Effects;
import dev.pidgr.workflow.run.FanOuts;
import dev.pidgr.workflow.run.Run;
import dev.pidgr.workflow.run.RunReader;
import dev.pidgr.workflow.run.WalkRules;
import dev.pidgr.workflow.state.DeliveryState;
import dev.pidgr.workflow.state.Nudge;
import dev.pidgr.workflow.step.Batches;
import dev.pidgr.workflow.step.Reminders;

/**
 * One wake-up of a nudge's reminding: walks the members after the nudge's position in user id order, reminds each
 * selected delivery that is neither acknowledged nor missed (as a SEND_REMINDER round does: {@link Reminders}),
 * counts the others as skipped, and stops at the pace's allowance, at the batch's bounds, or after the last
 * selected delivery. A builder local to one decision.
 */
final class NudgeReminders {

    /** What the page did: the nudge's progress, whether it is through its selection, whether the pace stopped it. */
    record Page(Nudge nudge, boolean done, boolean paced) {
    }

    private final Run run;
    private final Nudge.Builder progress;
    private final long now;
    private final RunReader reads;
    private final NudgeSelection selection;
    private MessageTemplate template;
    private PushRequest prototype;

    NudgeReminders(Run run, Nudge nudge, long now, RunReader reads) {
        this.run = run;
        this.progress = nudge.toBuilder();
        this.now = now;
        this.reads = reads;
        this.selection = new NudgeSelection(nudge);
    }

    /** The nudge as far as this page went (also after a reminder threw). */
    Nudge progress() {
        return progress.build();
    }

    Page page(Effects effects, Batches batches, long allowed) {
        int taken = 0;
        long written = 0;
        try (RunReader.Members members = reads.members(run.campaignId(), progress.getScanAfter())) {
            while (batches.more(taken, written)) {
                if (progress.getReminded() + progress.getSkipped() >= progress.getMatched() || !members.hasNext()) {
                    return new Page(progress.build(), true, false);
                }
                RunReader.Member member = members.next();
                if (!FanOuts.sentTo(progress.getFanOut(), member.userId())) {
                    return new Page(progress.build(), true, false);
                }
                DeliveryState state = reads.delivery(run.campaignId(), member.userId());
                if (selection.selected(member.userId(), state)) {
                    if (Nudges.settled(state)) {
                        progress.setSkipped(progress.getSkipped() + 1);
                    } else if (progress.getReminded() >= allowed) {
                        return new Page(progress.build(), false, true);
                    } else {
                        written += remind(effects, member, state);
                        progress.setReminded(progress.getReminded() + 1);
                    }
                }
                progress.setScanAfter(member.userId());
                taken++;
            }
        }
        return new Page(progress.build(), false, false);
    }

    private int remind(Effects effects, RunReader.Member member, DeliveryState state) {
        String sendStepId = run.cursor().getFanOut().getStepId();
        if (template == null) {
            WorkflowStep sendStep = WalkRules.step(run.spec().getWorkflow(), sendStepId);
            template = reads.message(run, sendStep);
            prototype = Reminders.prototype(run, now);
        }
        String stepId = progress.getMessageStepId().isEmpty() ? sendStepId : progress.getMessageStepId();
        return Reminders.send(effects, new Reminders.Reminder(run.campaignId(), stepId, progress.getNudge(), now),
                template, prototype, member.userId(), member.member(), state);
    }
}
