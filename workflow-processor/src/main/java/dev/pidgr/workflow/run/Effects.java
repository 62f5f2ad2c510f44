package dev.pidgr.workflow.run;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.Timestamps;
import dev.pidgr.contract.Ids;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.workflow.state.Cursor;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the effects of one decision while it is computed, numbering delivery events as they come: each gets
 * the run's next gap-free version and an id derived from it. A builder, local to the function that decides.
 */
public final class Effects {

    private final Run run;
    private final List<Effect> effects = new ArrayList<>();
    private long version;
    private ByteString campaignId;
    private ByteString organizationId;

    /** Numbering after the run's last delivery event. */
    public Effects(Run run) {
        this(run, run.cursor().getVersion());
    }

    /** Numbering after {@code lastVersion}. */
    Effects(Run run, long lastVersion) {
        this.run = run;
        this.version = lastVersion;
    }

    /**
     * Adds a delivery event: {@code event} carries its delivery, user and payload; the envelope (id, campaign,
     * organization, version, time, cause, actor) is set here.
     */
    public Effects emit(DeliveryEvent.Builder event, long occurredAt, String causeId, String actor) {
        version++;
        if (campaignId == null) { // UTF-8 once per decision, not per event: sized and written without encoding
            campaignId = ByteString.copyFromUtf8(run.campaignId());
            organizationId = ByteString.copyFromUtf8(run.spec().getOrganizationId());
        }
        effects.add(new Effect.Emit(event
                .setEventId(Ids.deliveryEventId(run.campaignId(), version))
                .setCampaignIdBytes(campaignId)
                .setOrganizationIdBytes(organizationId)
                .setVersion(version)
                .setOccurredAt(Timestamps.fromMillis(occurredAt))
                .setCauseId(causeId)
                .setActor(actor)
                .build()));
        return this;
    }

    /** A delivery event of the walk itself, caused by {@code stepId}. */
    public Effects emit(DeliveryEvent.Builder event, long now, String stepId) {
        return emit(event, now, stepId, Run.SYSTEM);
    }

    public Effects add(Effect effect) {
        effects.add(effect);
        return this;
    }

    /** Whether nothing was added. */
    public boolean isEmpty() {
        return effects.isEmpty();
    }

    /** The decision: the run with {@code cursor} (and the last event's version) and the effects collected. */
    public Decision decide(Cursor.Builder cursor) {
        return new Decision(run.with(cursor.setVersion(version).build()), effects);
    }

    /** The decision of a run whose cursor changes in nothing but its version. */
    public Decision decide() {
        return decide(run.cursor().toBuilder());
    }
}
