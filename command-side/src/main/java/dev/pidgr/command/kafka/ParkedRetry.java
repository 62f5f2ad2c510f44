package dev.pidgr.command.kafka;

import dev.pidgr.command.catalog.TemplateCatalog;
import dev.pidgr.command.store.ParkedDecision;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.events.v1.CampaignCommand;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The parking lot's wall-clock tick. A waiting command is decided again only when that can change
 * its answer: when the lookup it watches finds a template (one catalog read per distinct watched
 * lookup and tick; the audience stays in the store). When its grace period ends or its deadline
 * passes it is answered with the refusal it was decided with, after checking that every lookup the
 * refusal rests on still finds what it found (else it is decided once more). Commands queued behind
 * it are decided, in arrival order, once it leaves.
 */
final class ParkedRetry {

    private final ParkingLot parking;
    private final CommandPipeline<CampaignCommand> pipeline;
    private final TemplateCatalog catalog;

    ParkedRetry(ParkingLot parking, CommandPipeline<CampaignCommand> pipeline, TemplateCatalog catalog) {
        this.parking = parking;
        this.pipeline = pipeline;
        this.catalog = catalog;
    }

    /**
     * One tick: goes through the lot in arrival order; a campaign whose head stays keeps the rest waiting.
     * Returns whether commands may still be parked (the next tick has work).
     */
    boolean run(long now) {
        Set<String> blocked = new HashSet<>();
        Map<CatalogLookup, Boolean> found = new HashMap<>();
        for (Parked p : parking.list()) {
            if (blocked.contains(p.campaignId())) {
                continue;
            }
            if (!leaves(p, now, found)) {
                blocked.add(p.campaignId());
            }
        }
        return parking.maybeOccupied();
    }

    /** Answers or decides the command if its time has come; returns whether it left the lot. */
    private boolean leaves(Parked p, long now, Map<CatalogLookup, Boolean> found) {
        if (p.waiting() && !watchFound(p, found)) {
            if (now < p.wakeAt()) {
                return false;
            }
            ParkedDecision decision = parking.decision(p);
            if (decision.getLookupsList().stream().allMatch(l -> CatalogLookup.of(l).stillAnswered(catalog))) {
                pipeline.conclude(parking.command(p), decision.getResult(), now, now, () -> raw(parking.restore(p)));
                parking.remove(p);
                return true;
            }
        }
        CampaignCommand command = parking.restore(p);
        if (pipeline.handle(command, now, now, raw(command)) instanceof CommandPipeline.Outcome.Wait wait) {
            parking.waitAgain(p, wait);
            return false;
        }
        parking.remove(p);
        return true;
    }

    private boolean watchFound(Parked p, Map<CatalogLookup, Boolean> found) {
        return p.watch().map(w -> found.computeIfAbsent(w, l -> !l.stillAnswered(catalog))).orElse(false);
    }

    private static Outputs.Raw raw(CampaignCommand command) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.COMMAND_ID, EventHeaders.bytes(command.getMetadata().getCommandId()));
        return new Outputs.Raw(command.getCampaignId(), command.toByteArray(), headers, "parking lot");
    }
}
