package dev.pidgr.command.kafka;

import dev.pidgr.command.CommandSettings;
import dev.pidgr.command.campaign.CampaignDecider;
import dev.pidgr.contract.Tracing;
import dev.pidgr.contract.poll.PacedPunctuation;
import dev.pidgr.events.v1.CampaignCommand;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of pidgr.campaign.events. Per command, within one transaction: decide, forward
 * the events, update the store, forward the result. A command whose template is not in the catalog
 * yet waits in the parking lot (with every later command of its campaign behind it), within its
 * organization's share of the lot; {@link ParkedRetry} decides it again when the template appears,
 * or answers it when the grace period ends.
 */
final class CampaignCommandProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignCommandProcessor.class);
    /** How often an empty parking lot is looked at (a command parked in between hurries the tick). */
    static final Duration QUIET_PARKING_INTERVAL = Duration.ofSeconds(1);

    private final CampaignDecider decider;
    private final CommandSettings settings;
    private final UnaryOperator<Plan.Planner<CampaignCommand>> planners;
    private ProcessorContext<String, byte[]> context;
    private ParkingLot parking;
    private Plan.Planner<CampaignCommand> planner;
    private CommandPipeline<CampaignCommand> pipeline;
    private PacedPunctuation parkedRetry;

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
        IdempotencyStore idempotency = new IdempotencyStore(context.getStateStore(StoreNames.CAMPAIGN_IDEMPOTENCY),
                settings.idempotencyTtl());
        parking = new ParkingLot(context.getStateStore(StoreNames.CAMPAIGN_PARKING), settings.parkingCap());
        Outputs out = new Outputs(context, CommandTopology.CAMPAIGN_EVENTS_SINK, CommandTopology.CAMPAIGN_RESULTS_SINK,
                CommandTopology.CAMPAIGN_DLQ_SINK);
        planner = planners.apply(new CampaignPlanner(decider, store, catalog));
        pipeline = new CommandPipeline<>(
                CommandParsing.CAMPAIGN, planner, idempotency, out, settings.templateLookupGrace());
        // Ticks every parkingRetryInterval while commands are parked, every second when none is: each tick
        // costs a transaction (docs/operations.md, "Idle CPU"); a command parked by process() hurries it.
        parkedRetry = PacedPunctuation.schedule(context, settings.parkingRetryInterval(), QUIET_PARKING_INTERVAL,
                new ParkedRetry(parking, pipeline, catalog)::run);
        context.schedule(settings.idempotencyPurgeInterval(), PunctuationType.WALL_CLOCK_TIME, idempotency::purge);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Span span = CommandSpans.start(record, Tracing.CAMPAIGN_ID);
        try (Scope ignored = span.makeCurrent()) {
            Outputs.Raw raw =
                    new Outputs.Raw(record.key(), record.value(), record.headers(), Sources.describe(context));
            switch (CommandParsing.parse(CommandParsing.CAMPAIGN, record.key(), record.value(), record.headers())) {
                case CommandParsing.Parsed.Poison<CampaignCommand> p -> pipeline.poison(raw, p, record.timestamp());
                case CommandParsing.Parsed.Ok<CampaignCommand> ok ->
                    decide(ok.command(), record.value().length, record.timestamp(), raw);
            }
        } finally {
            span.end();
        }
    }

    private void decide(CampaignCommand command, long size, long timestamp, Outputs.Raw raw) {
        long now = context.currentSystemTimeMs();
        if (parking.holds(command.getCampaignId())) {
            queueBehind(command, size, timestamp, now, raw);
        } else if (pipeline.handle(command, now, timestamp, raw) instanceof CommandPipeline.Outcome.Wait wait) {
            park(command, size, timestamp, now, raw, wait);
        }
    }

    private void queueBehind(CampaignCommand command, long size, long timestamp, long now, Outputs.Raw raw) {
        if (parking.hasRoom(command, size)) {
            parking.queueBehind(command, timestamp, size);
            parkedRetry.hurry();
            LOG.info("command {} for campaign {} waits behind an earlier command of the campaign",
                    command.getMetadata().getCommandId(), command.getCampaignId());
        } else {
            pipeline.refuse(
                    command, ParkingRefusals.notQueued(command, planner.visibleVersion(command)), now, timestamp, raw);
        }
    }

    private void park(CampaignCommand command, long size, long timestamp, long now, Outputs.Raw raw,
                      CommandPipeline.Outcome.Wait wait) {
        if (parking.hasRoom(command, size)) {
            parking.parkWaiting(command, timestamp, size, wait);
            parkedRetry.hurry();
            LOG.info("command {} for campaign {} waits for its template", command.getMetadata().getCommandId(),
                    command.getCampaignId());
        } else {
            pipeline.refuse(command, ParkingRefusals.notWaitedFor(wait.plan().result()), now, timestamp, raw);
        }
    }
}
