package dev.pidgr.workflow.run;

import com.google.protobuf.util.Timestamps;
import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.workflow.kafka.Uuid5;
import dev.pidgr.workflow.state.Cursor;
import dev.pidgr.workflow.state.RunSpec;
import dev.pidgr.workflow.state.RunStatus;

/**
 * One campaign's run while a record or wake-up is handled: its spec and a working copy of its
 * cursor, saved back by {@link Runs#save} at the end of the handling (same transaction).
 */
public final class Run {

    /** The actor of everything the walk does by itself. */
    public static final String SYSTEM = "system:workflow";

    private final String campaignId;
    private RunSpec spec;
    private final Cursor.Builder cursor;

    Run(String campaignId, RunSpec spec, Cursor.Builder cursor) {
        this.campaignId = campaignId;
        this.spec = spec;
        this.cursor = cursor;
    }

    public String campaignId() {
        return campaignId;
    }

    public RunSpec spec() {
        return spec;
    }

    void spec(RunSpec newSpec) {
        this.spec = newSpec;
    }

    /** The working copy of the cursor; changes are saved with the run. */
    public Cursor.Builder cursor() {
        return cursor;
    }

    public boolean running() {
        return cursor.getStatus() == RunStatus.RUN_STATUS_RUNNING;
    }

    /** Whether the walk is over (ended or cancelled): interactions are then recorded "after end". */
    public boolean over() {
        return cursor.getStatus() == RunStatus.RUN_STATUS_ENDED || cursor.getStatus() == RunStatus.RUN_STATUS_CANCELLED;
    }

    /**
     * A new delivery event envelope with the next gap-free version of this campaign's run and a
     * deterministic id derived from it.
     */
    public DeliveryEvent.Builder nextEvent(long occurredAtMillis, String causeId, String actor) {
        long version = cursor.getVersion() + 1;
        cursor.setVersion(version);
        return DeliveryEvent.newBuilder()
                .setEventId(Uuid5.deliveryEventId(campaignId, version))
                .setCampaignId(campaignId)
                .setOrganizationId(spec.getOrganizationId())
                .setVersion(version)
                .setOccurredAt(Timestamps.fromMillis(occurredAtMillis))
                .setCauseId(causeId)
                .setActor(actor);
    }
}
