package dev.pidgr.query.delivery;

import dev.pidgr.events.v1.DeliveryEvent;
import dev.pidgr.query.inbox.InboxClock;
import dev.pidgr.query.inbox.InboxKey;
import dev.pidgr.query.sql.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds one batch of delivery events over the state loaded for it (pure: no I/O). The shell
 * loads runs, deliveries and inbox clocks, applies the events in topic order, then writes
 * {@link #result()}: the final rows and each run's new state with its count delta.
 * Count deltas are computed from each delivery's status before and after the whole batch, so
 * they describe the deliveries' current statuses however many times one changed in between;
 * timeline deltas from each event's own change, since the timeline counts moments, not statuses.
 */
public final class DeliveryBatchFold {

    /** What became of one event. */
    public enum Outcome { APPLIED, ALREADY_APPLIED, UNKNOWN_DELIVERY }

    /** A campaign run's new state and how its counts changed. */
    public record RunChange(RunState state, Counts delta) {
    }

    /**
     * What the batch writes: deliveries it created, stored deliveries it changed, the runs, what
     * to add to each slot of the campaigns' timelines, and the nudges reported.
     */
    public record Result(List<DeliveryRow> created, List<DeliveryRow> changed, List<RunChange> runs,
                         Map<TimelineSlot, TimelineCounts> timeline, List<NudgeRow> nudges) {

        /** Every delivery row the batch writes. */
        public List<DeliveryRow> deliveries() {
            List<DeliveryRow> all = new ArrayList<>(created);
            all.addAll(changed);
            return all;
        }
    }

    private final Map<String, RunState> runs;
    private final Map<String, DeliveryRow> loaded;
    private final Map<InboxKey, Instant> inboxClocks;
    private final Map<String, DeliveryRow> changed = new LinkedHashMap<>();
    private final Map<String, RunState> changedRuns = new LinkedHashMap<>();
    private final Map<TimelineSlot, TimelineCounts> timeline = new LinkedHashMap<>();
    private final Map<String, NudgeRow> nudges = new LinkedHashMap<>();

    /**
     * @param runs       the stored runs of the batch's campaigns (absent: none yet)
     * @param deliveries the stored deliveries the batch's interaction events name (absent: none)
     * @param inboxClocks the last change time of the batch's inboxes (absent: empty inbox)
     */
    public DeliveryBatchFold(Map<String, RunState> runs, Map<String, DeliveryRow> deliveries,
                             Map<InboxKey, Instant> inboxClocks) {
        this.runs = new HashMap<>(runs);
        this.loaded = Map.copyOf(deliveries);
        this.inboxClocks = new HashMap<>(inboxClocks);
    }

    public Outcome apply(DeliveryEvent event) {
        RunState run = runs.get(event.getCampaignId());
        if (run == null) {
            run = RunState.empty(event.getCampaignId(), event.getOrganizationId());
        }
        if (event.getVersion() <= run.version()) {
            return Outcome.ALREADY_APPLIED;
        }
        RunState next = run.apply(event);
        runs.put(next.campaignId(), next);
        changedRuns.put(next.campaignId(), next);
        NudgeRow.of(event).ifPresent(row -> nudges.merge(row.key(), row, NudgeRow::then));
        if (!DeliveryTransitions.concernsDelivery(event)) {
            return Outcome.APPLIED;
        }
        DeliveryRow before = current(event.getDeliveryId());
        if (before == null && event.getPayloadCase() != DeliveryEvent.PayloadCase.NOTIFICATION_SENT) {
            return Outcome.UNKNOWN_DELIVERY;
        }
        DeliveryRow after = DeliveryTransitions.apply(before, event);
        TimelineMoments.add(timeline, before, after);
        if (after.inboxDiffers(before)) {
            after = after.withInboxChangedAt(tick(after, Sql.instant(event.getOccurredAt())));
        }
        if (after != before) {
            changed.put(after.id(), after);
        }
        return Outcome.APPLIED;
    }

    private DeliveryRow current(String deliveryId) {
        DeliveryRow row = changed.get(deliveryId);
        return row != null ? row : loaded.get(deliveryId);
    }

    private Instant tick(DeliveryRow row, Instant at) {
        InboxKey key = new InboxKey(row.organizationId(), row.userId());
        Instant next = InboxClock.next(at, inboxClocks.get(key));
        inboxClocks.put(key, next);
        return next;
    }

    public Result result() {
        Map<String, Counts> deltas = new HashMap<>();
        for (DeliveryRow after : changed.values()) {
            Counts delta = Counts.of(after).minus(Counts.of(loaded.get(after.id())));
            deltas.merge(after.campaignId(), delta, Counts::plus);
        }
        List<RunChange> runChanges = new ArrayList<>(changedRuns.size());
        for (RunState run : changedRuns.values()) {
            runChanges.add(new RunChange(run, deltas.getOrDefault(run.campaignId(), Counts.ZERO)));
        }
        List<DeliveryRow> created = new ArrayList<>();
        List<DeliveryRow> updated = new ArrayList<>();
        for (DeliveryRow row : changed.values()) {
            (loaded.containsKey(row.id()) ? updated : created).add(row);
        }
        return new Result(created, updated, runChanges, Map.copyOf(timeline), List.copyOf(nudges.values()));
    }
}
