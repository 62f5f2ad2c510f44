package dev.pidgr.workflow.run;

import dev.pidgr.api.v1.AudienceMember;
import dev.pidgr.events.v1.CampaignCreated;
import dev.pidgr.events.v1.CampaignEvent;
import dev.pidgr.events.v1.CampaignUpdated;
import dev.pidgr.workflow.kafka.Keys;
import dev.pidgr.workflow.state.Cursor;
import dev.pidgr.workflow.state.RunSpec;
import dev.pidgr.workflow.state.RunStatus;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds pidgr.campaign.events into runs: Created and Updated make the run spec, AudienceAdded
 * chunks land under per-member keys, Started starts the walk, Cancelled stops it, Completed and
 * Failed mark it ended. An event at or below the last applied version is a replay and skipped.
 */
public final class CampaignEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignEventHandler.class);

    private final Runs runs;
    private final KeyValueStore<String, AudienceMember> members;
    private final Walker walker;

    public CampaignEventHandler(Runs runs, KeyValueStore<String, AudienceMember> members, Walker walker) {
        this.runs = runs;
        this.members = members;
        this.walker = walker;
    }

    /** Applies an event; false when its payload is unknown (a newer producer), so it can be parked. */
    public boolean handle(CampaignEvent event, long now) {
        String campaignId = event.getCampaignId();
        if (event.getPayloadCase() == CampaignEvent.PayloadCase.PAYLOAD_NOT_SET) {
            return false;
        }
        if (event.getPayloadCase() == CampaignEvent.PayloadCase.CREATED) {
            created(event);
            return true;
        }
        Run run = runs.load(campaignId).orElse(null);
        if (run == null) {
            LOG.warn("Campaign {}: {} for a campaign never created here, ignored", campaignId, event.getPayloadCase());
            return true;
        }
        if (event.getVersion() <= run.cursor().getCampaignEventVersion()) {
            LOG.debug("Campaign {}: event version {} already applied", campaignId, event.getVersion());
            return true;
        }
        apply(run, event, now);
        run.cursor().setCampaignEventVersion(event.getVersion());
        runs.save(run);
        return true;
    }

    private void apply(Run run, CampaignEvent event, long now) {
        boolean draft = run.cursor().getStatus() == RunStatus.RUN_STATUS_DRAFT;
        switch (event.getPayloadCase()) {
            case AUDIENCE_ADDED -> {
                if (draft) {
                    addMembers(run, event);
                }
            }
            case UPDATED -> {
                if (draft) {
                    runs.saveSpec(run, updated(run.spec(), event.getUpdated()));
                }
            }
            case STARTED -> {
                if (draft) {
                    runs.saveSpec(run, run.spec().toBuilder().clearTemplatePins()
                            .addAllTemplatePins(event.getStarted().getTemplatePinsList()).build());
                    walker.start(run, now);
                }
            }
            case CANCELLED -> {
                if (!run.over()) {
                    walker.stop(run, RunStatus.RUN_STATUS_CANCELLED);
                    LOG.info("Campaign {} cancelled: its walk stops", run.campaignId());
                }
            }
            case COMPLETED, FAILED -> {
                if (!run.over()) {
                    walker.stop(run, RunStatus.RUN_STATUS_ENDED);
                }
            }
            case CREATED, PAYLOAD_NOT_SET -> throw new IllegalStateException("handled before");
        }
    }

    private void created(CampaignEvent event) {
        if (runs.load(event.getCampaignId()).isPresent()) {
            LOG.debug("Campaign {} already created here", event.getCampaignId());
            return;
        }
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
        Cursor cursor = Cursor.newBuilder().setStatus(RunStatus.RUN_STATUS_DRAFT).setCampaignEventVersion(event.getVersion()).build();
        runs.save(runs.create(event.getCampaignId(), spec, cursor));
    }

    private void addMembers(Run run, CampaignEvent event) {
        int added = 0;
        for (AudienceMember member : event.getAudienceAdded().getMembersList()) {
            if (member.getUserId().isEmpty()) {
                continue;
            }
            String key = Keys.member(run.campaignId(), member.getUserId());
            if (members.get(key) == null) {
                added++;
            }
            members.put(key, member.toBuilder().clearUserId().build());
        }
        run.cursor().setAudienceSize(run.cursor().getAudienceSize() + added);
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
