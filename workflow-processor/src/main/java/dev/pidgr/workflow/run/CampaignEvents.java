package dev.pidgr.workflow.run;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.events.v1.CampaignCreated;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CampaignUpdated;
import dev.pidgr.workflow.state.Cursor;
import dev.pidgr.workflow.state.RunSpec;
import dev.pidgr.workflow.state.RunStatus;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What pidgr.campaign.events do to runs: Created and Updated make the run spec, AudienceAdded chunks become
 * members, Scheduled sets the draft's start timer ({@link ScheduledStart}), Started starts the walk, Cancelled stops
 * it, Completed and Failed mark it ended (both one {@link Walker#stop} decision, which stops a nudge too), Nudged
 * takes a nudge in ({@link Nudging}). An event at or below the last applied version is a replay and changes nothing.
 */
public final class CampaignEvents {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignEvents.class);

    private final Walker walker;
    private final Nudging nudging;

    public CampaignEvents(Walker walker, Nudging nudging) {
        this.walker = walker;
        this.nudging = nudging;
    }

    /**
     * The decision for an event whose payload is known; empty when it changes nothing (a replay, an event of a
     * campaign never created here).
     */
    public Optional<Decision> decide(Optional<Run> loaded, CampaignEvent event, long now, RunReader reads) {
        if (event.getPayloadCase() == CampaignEvent.PayloadCase.CREATED) {
            return loaded.isPresent() ? Optional.empty() : Optional.of(created(event));
        }
        if (loaded.isEmpty()) {
            LOG.warn("Campaign {}: {} for a campaign never created here, ignored", event.getCampaignId(),
                    event.getPayloadCase());
            return Optional.empty();
        }
        Run run = loaded.get();
        if (event.getVersion() <= run.cursor().getCampaignEventVersion()) {
            return Optional.empty();
        }
        Run applied = run.with(run.cursor().toBuilder().setCampaignEventVersion(event.getVersion()).build());
        return Optional.of(apply(applied, event, now, reads));
    }

    private Decision apply(Run run, CampaignEvent event, long now, RunReader reads) {
        boolean draft = run.cursor().getStatus() == RunStatus.RUN_STATUS_DRAFT;
        return switch (event.getPayloadCase()) {
            case AUDIENCE_ADDED -> draft ? membersAdded(run, event, reads) : Decision.of(run);
            case UPDATED -> draft ? respecified(run, updated(run.spec(), event.getUpdated())) : Decision.of(run);
            case SCHEDULED -> draft ? ScheduledStart.scheduled(run, event) : Decision.of(run);
            case STARTED -> {
                if (!draft) {
                    yield Decision.of(run);
                }
                Run unscheduled = run.with(run.cursor().toBuilder().clearScheduleVersion().setWakeUpAt(0).build());
                Decision pinned = respecified(unscheduled, run.spec().toBuilder().clearTemplatePins()
                        .addAllTemplatePins(event.getStarted().getTemplatePinsList()).build());
                yield pinned.then(walker.start(pinned.run(), now, reads));
            }
            case CANCELLED -> {
                if (run.over()) {
                    yield Decision.of(run);
                }
                LOG.info("Campaign {} cancelled: its walk stops", run.campaignId());
                Run unscheduled = run.with(run.cursor().toBuilder().clearScheduleVersion().build());
                yield walker.stop(unscheduled, RunStatus.RUN_STATUS_CANCELLED);
            }
            case COMPLETED, FAILED -> run.over() ? Decision.of(run) : walker.stop(run, RunStatus.RUN_STATUS_ENDED);
            case NUDGED -> nudging.nudged(run, event, now);
            case NUDGE_FINISHED -> Decision.of(run);
            case CREATED, PAYLOAD_NOT_SET -> throw new IllegalStateException("handled before");
        };
    }

    private static Decision created(CampaignEvent event) {
        CampaignCreated created = event.getCreated();
        RunSpec spec = RunSpec.newBuilder()
                .setOrganizationId(event.getOrganizationId())
                .setName(created.getName())
                .setSenderName(created.getSenderName())
                .setTitle(created.getTitle())
                .setTemplateId(created.getTemplateId())
                .setTemplateVersion(created.getTemplateVersion())
                .setWorkflow(created.getWorkflow())
                .build();
        Cursor cursor = Cursor.newBuilder().setStatus(RunStatus.RUN_STATUS_DRAFT)
                .setCampaignEventVersion(event.getVersion()).build();
        return respecified(new Run(event.getCampaignId(), spec, cursor), spec);
    }

    private static Decision respecified(Run run, RunSpec spec) {
        Run next = run.with(spec);
        return new Effects(next).add(new Effect.SaveSpec(spec)).decide();
    }

    /** Members under their own keys; the audience size counts distinct user ids. */
    private static Decision membersAdded(Run run, CampaignEvent event, RunReader reads) {
        Effects effects = new Effects(run);
        Set<String> added = new HashSet<>();
        for (AudienceMember member : event.getAudienceAdded().getMembersList()) {
            if (member.getUserId().isEmpty()) {
                continue;
            }
            if (!reads.isMember(run.campaignId(), member.getUserId())) {
                added.add(member.getUserId());
            }
            effects.add(new Effect.AddMember(member.getUserId(), member.toBuilder().clearUserId().build()));
        }
        return effects.decide(run.cursor().toBuilder().setAudienceSize(run.cursor().getAudienceSize() + added.size()));
    }

    private static RunSpec updated(RunSpec spec, CampaignUpdated update) {
        RunSpec.Builder next = spec.toBuilder()
                .setName(update.getName())
                .setSenderName(update.getSenderName())
                .setTitle(update.getTitle());
        if (!update.getTemplateId().isEmpty()) {
            next.setTemplateId(update.getTemplateId()).setTemplateVersion(update.getTemplateVersion());
        }
        if (update.hasWorkflow()) {
            next.setWorkflow(update.getWorkflow());
        }
        return next.build();
    }
}
