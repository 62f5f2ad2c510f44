package dev.pidgr.command.kafka;

import dev.pidgr.command.CommandSettings;
import dev.pidgr.command.campaign.CampaignDecider;
import dev.pidgr.contract.EventHeaders;
import dev.pidgr.events.v1.CampaignCommand;
import java.util.HashSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of pidgr.campaign.events. Per command, within one transaction: decide, forward
 * the events, update the store, forward the result. A command whose template is not in the catalog
 * yet waits in the parking lot (with every later command of its campaign behind it) and is retried
 * on a wall-clock punctuation until the template appears or the grace period ends.
 */
final class CampaignCommandProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignCommandProcessor.class);

    private final CampaignDecider decider;
    private final CommandSettings settings;
    private final UnaryOperator<Plan.Planner<CampaignCommand>> planners;
    private ProcessorContext<String, byte[]> context;
    private ParkingLot parking;
    private IdempotencyStore idempotency;
    private CommandPipeline<CampaignCommand> pipeline;

    CampaignCommandProcessor(CampaignDecider decider, CommandSettings settings,
                             UnaryOperator<Plan.Planner<CampaignCommand>> planners) {
        this.decider = decider;
        this.settings = settings;
        this.planners = planners;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        CampaignStore store = new CampaignStore(context.getStateStore(StoreNames.CAMPAIGNS));
        StoreTemplateCatalog catalog = new StoreTemplateCatalog(context.getStateStore(StoreNames.TEMPLATE_CATALOG));
        idempotency = new IdempotencyStore(context.getStateStore(StoreNames.CAMPAIGN_IDEMPOTENCY), settings.idempotencyTtl());
        parking = new ParkingLot(context.getStateStore(StoreNames.CAMPAIGN_PARKING));
        Outputs out = new Outputs(context, CommandTopology.CAMPAIGN_EVENTS_SINK, CommandTopology.CAMPAIGN_RESULTS_SINK,
                CommandTopology.CAMPAIGN_DLQ_SINK);
        pipeline = new CommandPipeline<>(CommandParsing.CAMPAIGN, planners.apply(new CampaignPlanner(decider, store, catalog)), idempotency,
                out, settings.templateLookupGrace());
        context.schedule(settings.parkingRetryInterval(), PunctuationType.WALL_CLOCK_TIME, this::retryParked);
        context.schedule(settings.idempotencyPurgeInterval(), PunctuationType.WALL_CLOCK_TIME, idempotency::purge);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Outputs.Raw raw = new Outputs.Raw(record.key(), record.value(), record.headers(), Sources.describe(context));
        switch (CommandParsing.parse(CommandParsing.CAMPAIGN, record.key(), record.value(), record.headers())) {
            case CommandParsing.Parsed.Poison<CampaignCommand> p -> pipeline.poison(raw, p, record.timestamp());
            case CommandParsing.Parsed.Ok<CampaignCommand> ok -> {
                CampaignCommand command = ok.command();
                if (parking.holds(command.getCampaignId())
                        || pipeline.handle(command, context.currentSystemTimeMs(), record.timestamp(), raw) == CommandPipeline.Outcome.WAIT) {
                    park(command, record.timestamp());
                }
            }
        }
    }

    private void park(CampaignCommand command, long timestamp) {
        parking.park(command, timestamp);
        LOG.info("command {} for campaign {} waits for its template (or for an earlier command of the campaign)",
                command.getMetadata().getCommandId(), command.getCampaignId());
    }

    /** Retries waiting commands in arrival order; a campaign whose head still waits keeps the rest waiting. */
    private void retryParked(long now) {
        Set<String> blocked = new HashSet<>();
        for (ParkingLot.Parked p : parking.queue()) {
            if (blocked.contains(p.campaignId())) {
                continue;
            }
            CampaignCommand command = parking.restore(p);
            if (pipeline.handle(command, now, now, parked(command)) == CommandPipeline.Outcome.WAIT) {
                blocked.add(p.campaignId());
            } else {
                parking.remove(p);
            }
        }
    }

    private static Outputs.Raw parked(CampaignCommand command) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.COMMAND_ID, EventHeaders.bytes(command.getMetadata().getCommandId()));
        return new Outputs.Raw(command.getCampaignId(), command.toByteArray(), headers, "parking lot");
    }
}
