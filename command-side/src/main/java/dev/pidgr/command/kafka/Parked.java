package dev.pidgr.command.kafka;

import dev.pidgr.command.store.ParkedCommand;
import dev.pidgr.command.store.ParkedDecision;
import java.util.Optional;

/** A command in the {@link ParkingLot} as listed: its arrival key ({@code q/<seq>}) and its small entry. */
record Parked(String key, ParkedCommand entry) {

    String campaignId() {
        return entry.hasCommand() ? entry.getCommand().getCampaignId() : entry.getCampaignId();
    }

    /** Decided and waiting for a template (else queued behind an earlier command of its campaign). */
    boolean waiting() {
        return entry.getWakeAtMs() > 0;
    }

    /** When its grace period ends or its deadline passes, whichever is first (while {@link #waiting()}). */
    long wakeAt() {
        return entry.getWakeAtMs();
    }

    /** The missed lookup whose find makes the command worth deciding again. */
    Optional<CatalogLookup> watch() {
        return entry.hasWatch() ? Optional.of(CatalogLookup.of(entry.getWatch())) : Optional.empty();
    }

    String seq() {
        return key.substring(2);
    }

    /**
     * Marks an entry as waiting: until when, and for which lookup. The decision's first miss is enough to
     * watch: the decider refuses while any lookup it makes misses, and it makes the same lookups again
     * until one of them finds something (whether the others changed is checked when the grace ends).
     */
    static ParkedCommand.Builder waiting(ParkedCommand.Builder entry, CommandPipeline.Outcome.Wait wait) {
        entry.setWakeAtMs(wait.wakeAt()).clearWatch();
        wait.plan().lookups().stream()
                .filter(CatalogLookup::missed)
                .findFirst()
                .ifPresent(l -> entry.setWatch(l.toProto()));
        return entry;
    }

    /** The stored form of what a waiting command was refused with. */
    static byte[] decision(Plan plan) {
        ParkedDecision.Builder d = ParkedDecision.newBuilder().setResult(plan.result());
        plan.lookups().forEach(l -> d.addLookups(l.toProto()));
        return d.build().toByteArray();
    }
}
